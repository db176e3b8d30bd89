# Step 1: one web server, and the role the fault injection service will assume.

resource "aws_instance" "web" {
  ami               = "ami-faultbox-web"
  instance_type     = "t3.micro"
  availability_zone = "eu-west-2a"

  tags = {
    Name       = "step01-${var.panda_name}"
    Panda      = var.panda_name
    Experiment = "step01"
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
