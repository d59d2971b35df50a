"""Files that ship with the app: built-in label schemes, icons, translations."""
