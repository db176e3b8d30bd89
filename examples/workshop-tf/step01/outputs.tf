output "instance_url" {
  description = "The web server, straight (no load balancer yet)"
  value       = "http://${aws_instance.web.private_ip}"
}

output "instance_id" {
  value = aws_instance.web.id
}
