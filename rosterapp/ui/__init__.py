"""The Qt interface. The only package that imports Qt."""
