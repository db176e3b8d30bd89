output "vpc_id" {
  value = module.vpc.vpc_id
}

output "public_subnet_ids" {
  value = module.vpc.public_subnet_ids
}

output "availability_zones" {
  value = module.vpc.availability_zones
}

output "web_security_group_id" {
  value = aws_security_group.web.id
}

output "fis_role_arn" {
  value = aws_iam_role.fis.arn
}

output "fis_log_group_arn" {
  value = aws_cloudwatch_log_group.fis.arn
}

output "account_id" {
  value = data.aws_caller_identity.current.account_id
}
