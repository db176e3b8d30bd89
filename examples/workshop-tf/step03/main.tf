# The service under test: web servers in an auto-scaling group behind a classic load balancer,
# in the network the init step built, with an alarm on the load balancer's errors.

data "terraform_remote_state" "init" {
  backend = "local"

  config = {
    path = "${path.module}/../init/terraform.tfstate"
  }
}

data "aws_ami" "amazon_linux" {
  most_recent = true
  owners      = ["amazon"]

  filter {
    name   = "name"
    values = ["al2023-ami-*-x86_64"]
  }
}

locals {
  name    = "${var.experiment}-${var.panda_name}"
  init    = data.terraform_remote_state.init.outputs
  subnets = local.init.public_subnet_ids

  cloud_config = {
    packages = ["httpd"]
    write_files = [
      {
        path        = "/var/www/html/index.html.tmpl"
        encoding    = "b64"
        content     = filebase64("${path.module}/templates/index.html.tmpl")
        permissions = "0644"
      },
      {
        path        = "/usr/local/bin/build-page"
        encoding    = "b64"
        content     = filebase64("${path.module}/templates/build-page.sh")
        permissions = "0755"
      },
    ]
    runcmd = [
      "/usr/local/bin/build-page",
      "systemctl enable --now httpd",
    ]
  }
}

resource "aws_launch_template" "web" {
  name          = "${local.name}-lt"
  image_id      = data.aws_ami.amazon_linux.id
  instance_type = var.instance_type

  # cloud-init builds the page from the instance metadata service and starts the web server.
  user_data = base64encode(<<-EOT
    #cloud-config
    ${jsonencode(local.cloud_config)}
    EOT
  )

  metadata_options {
    http_tokens            = "required"
    instance_metadata_tags = "enabled"
  }

  vpc_security_group_ids = [local.init.web_security_group_id]

  tag_specifications {
    resource_type = "instance"
    tags = {
      Name = local.name
    }
  }

  lifecycle {
    create_before_destroy = true
  }
}

resource "aws_elb" "this" {
  # ELB names allow letters, digits and dashes only.
  name            = replace("${local.name}-elb", "/[^a-zA-Z0-9-]/", "-")
  subnets         = local.subnets
  security_groups = [local.init.web_security_group_id]

  listener {
    instance_port     = 80
    instance_protocol = "http"
    lb_port           = 80
    lb_protocol       = "http"
  }

  health_check {
    target              = "HTTP:80/"
    interval            = 5
    timeout             = 2
    healthy_threshold   = 2
    unhealthy_threshold = 2
  }
}

resource "aws_autoscaling_group" "web" {
  name                      = "${local.name}-asg"
  min_size                  = var.instance_count
  max_size                  = var.instance_count * 3
  desired_capacity          = var.instance_count
  vpc_zone_identifier       = local.subnets
  health_check_type         = "ELB"
  health_check_grace_period = 60
  load_balancers            = [aws_elb.this.name]

  launch_template {
    id      = aws_launch_template.web.id
    version = "$Latest"
  }

  tag {
    key                 = "Panda"
    value               = var.panda_name
    propagate_at_launch = true
  }

  tag {
    key                 = "Experiment"
    value               = var.experiment
    propagate_at_launch = true
  }
}

resource "aws_cloudwatch_metric_alarm" "elb_5xx" {
  alarm_name          = "${var.panda_name}-elb-alarm"
  alarm_description   = "The load balancer of ${local.name} answers with errors"
  namespace           = "AWS/ELB"
  metric_name         = "HTTPCode_ELB_5XX"
  statistic           = "Sum"
  period              = 10
  evaluation_periods  = 4
  datapoints_to_alarm = 2
  threshold           = 10
  comparison_operator = "GreaterThanOrEqualToThreshold"
  treat_missing_data  = "notBreaching"

  dimensions = {
    LoadBalancerName = aws_elb.this.name
  }
}
