"""The desktop glue: folder watching, reminders, settings, start at login, file-manager menus."""
