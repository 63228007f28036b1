"""The udpeg/1 dataset format: schema (validation with places), locate, load, export."""
