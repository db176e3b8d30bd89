variable "panda_name" {
  description = "Your panda name, from ../common/common.tfvars"
  type        = string

  validation {
    condition     = can(regex("^[a-z][a-z0-9-]*$", var.panda_name))
    error_message = "panda_name must be lower case letters, digits and dashes."
  }
}

variable "region" {
  type    = string
  default = "eu-west-2"
}

variable "log_retention_days" {
  type    = number
  default = 7
}
