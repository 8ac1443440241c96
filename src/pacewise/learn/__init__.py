"""Learn: the pain-science course, flare kit and mind-body tools."""
