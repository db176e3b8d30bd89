data "aws_availability_zones" "available" {
  state = "available"
}

data "aws_caller_identity" "current" {}

data "aws_partition" "current" {}

locals {
  name = "init-${var.panda_name}"
  azs  = slice(data.aws_availability_zones.available.names, 0, 3)
}

module "vpc" {
  source = "../modules/vpc"

  name               = local.name
  cidr_block         = "10.42.0.0/16"
  availability_zones = local.azs
}

resource "aws_security_group" "web" {
  name        = "${local.name}-web"
  description = "HTTP from anywhere to the workshop's web servers"
  vpc_id      = module.vpc.vpc_id
}

resource "aws_vpc_security_group_ingress_rule" "http" {
  security_group_id = aws_security_group.web.id
  description       = "HTTP"
  cidr_ipv4         = "0.0.0.0/0"
  from_port         = 80
  to_port           = 80
  ip_protocol       = "tcp"
}

resource "aws_vpc_security_group_egress_rule" "all" {
  security_group_id = aws_security_group.web.id
  cidr_ipv4         = "0.0.0.0/0"
  ip_protocol       = "-1"
}

data "aws_iam_policy_document" "fis_trust" {
  statement {
    effect  = "Allow"
    actions = ["sts:AssumeRole"]

    principals {
      type        = "Service"
      identifiers = ["fis.amazonaws.com"]
    }
  }
}

resource "aws_iam_role" "fis" {
  name               = "${var.panda_name}-fis-role"
  assume_role_policy = data.aws_iam_policy_document.fis_trust.json
}

resource "aws_iam_role_policy_attachment" "fis" {
  role       = aws_iam_role.fis.name
  policy_arn = "arn:${data.aws_partition.current.partition}:iam::aws:policy/service-role/AWSFaultInjectionSimulatorEC2Access"
}

resource "aws_iam_role_policy" "fis_logs" {
  name = "${var.panda_name}-fis-logs"
  role = aws_iam_role.fis.id
  policy = jsonencode({
    Version = "2012-10-17"
    Statement = [{
      Effect   = "Allow"
      Action   = ["logs:CreateLogDelivery", "logs:PutLogEvents", "logs:CreateLogStream"]
      Resource = "${aws_cloudwatch_log_group.fis.arn}:*"
    }]
  })
}

resource "aws_cloudwatch_log_group" "fis" {
  name              = "/fis/${var.panda_name}"
  retention_in_days = var.log_retention_days
}
