variable "panda_name" {
  description = "Your panda name, from ../common/common.tfvars"
  type        = string
}

variable "region" {
  description = "Set by ../common/common.tfvars; this step stays in eu-west-2"
  type        = string
  default     = "eu-west-2"
}

variable "experiment" {
  type    = string
  default = "step02"
}
