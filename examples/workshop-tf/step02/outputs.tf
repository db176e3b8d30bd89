output "elb_url" {
  description = "The service, through its load balancer"
  value       = "http://${aws_elb.this.dns_name}"
}

output "alarm_name" {
  value = aws_cloudwatch_metric_alarm.elb_5xx.alarm_name
}

output "fis_role_arn" {
  value = aws_iam_role.fis.arn
}
