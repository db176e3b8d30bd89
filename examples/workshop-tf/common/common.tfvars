# Shared by every step of the workshop: your panda name tags and names everything you create.
panda_name = "funky"
region     = "eu-west-2"
