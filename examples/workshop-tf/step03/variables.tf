variable "panda_name" {
  description = "Your panda name, from ../common/common.tfvars"
  type        = string
}

variable "region" {
  type    = string
  default = "eu-west-2"
}

variable "experiment" {
  type    = string
  default = "step03"
}

variable "instance_count" {
  description = "How many web servers the group keeps running"
  type        = number
  default     = 3
}

variable "instance_type" {
  type    = string
  default = "t3.micro"
}
