variable "name" {
  description = "Prefix of every resource's Name tag"
  type        = string
}

variable "cidr_block" {
  description = "The VPC's address range"
  type        = string
  default     = "10.0.0.0/16"
}

variable "availability_zones" {
  description = "One public subnet per zone"
  type        = list(string)

  validation {
    condition     = length(var.availability_zones) > 0
    error_message = "At least one availability zone is needed."
  }
}
