"""Map an extracted document onto the common schema."""
