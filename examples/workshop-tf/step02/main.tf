# Step 2: the web server becomes a group of one behind a classic load balancer, with an alarm
# on the load balancer's errors and the fault injection role allowed to act on instances.

locals {
  name = "${var.experiment}-${var.panda_name}"
  azs  = ["eu-west-2a", "eu-west-2b", "eu-west-2c"]
  tags = {
    Panda      = var.panda_name
    Experiment = var.experiment
  }
}

resource "aws_launch_template" "web" {
  name          = "${local.name}-lt"
  image_id      = "ami-faultbox-web"
  instance_type = "t3.micro"

  tag_specifications {
    resource_type = "instance"
    tags          = merge(local.tags, { Name = local.name })
  }
}

resource "aws_elb" "this" {
  name               = "${local.name}-elb"
  availability_zones = local.azs

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

  tags = local.tags
}

resource "aws_autoscaling_group" "web" {
  name                      = "${local.name}-asg"
  min_size                  = 1
  max_size                  = 1
  desired_capacity          = 1
  availability_zones        = local.azs
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

resource "aws_iam_role" "fis" {
  name = "${var.panda_name}-fis-role"

  assume_role_policy = jsonencode({
    Version = "2012-10-17"
    Statement = [{
      Effect    = "Allow"
      Principal = { Service = "fis.amazonaws.com" }
      Action    = "sts:AssumeRole"
    }]
  })
}

resource "aws_iam_policy_attachment" "fis_ec2" {
  name       = "${var.panda_name}-fis-ec2"
  roles      = [aws_iam_role.fis.name]
  policy_arn = "arn:aws:iam::aws:policy/service-role/AWSFaultInjectionSimulatorEC2Access"
}
