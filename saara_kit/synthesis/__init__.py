"""The national synthesis: the hubs compared, participation to directory use (lesson 08)."""
