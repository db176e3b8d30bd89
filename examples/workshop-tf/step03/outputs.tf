output "elb_url" {
  description = "The service, through its load balancer"
  value       = "http://${aws_elb.this.dns_name}"
}

output "alarm_name" {
  value = aws_cloudwatch_metric_alarm.elb_5xx.alarm_name
}

output "asg_name" {
  value = aws_autoscaling_group.web.name
}

output "fis_role_arn" {
  description = "The role FIS experiments run as (made by init)"
  value       = local.init.fis_role_arn
}
