#!/bin/sh
# "@TITLE@" for GNOME Files (Nautilus): Scripts ▸ @TITLE@
# labeler-integration: nautilus @VERSION@
# Written by `labeler integrate install`; `labeler integrate uninstall` removes it.
#
# Nautilus runs this script in the folder being shown, with each selected
# file as one argument (relative to that folder, or absolute), so every name
# arrives exactly as it is: spaces, quotes, newlines, leading dashes.
# Only when no argument is given (e.g. another file manager) do we fall back to
# NAUTILUS_SCRIPT_SELECTED_FILE_PATHS, one absolute path per line; a name that
# itself contains a newline cannot be told apart there.
if [ "$#" -eq 0 ] && [ -n "${NAUTILUS_SCRIPT_SELECTED_FILE_PATHS-}" ]; then
    labeler_ifs=$IFS
    IFS='
'
    set -f
    set -- $NAUTILUS_SCRIPT_SELECTED_FILE_PATHS
    set +f
    IFS=$labeler_ifs
fi
# The running app has its own working folder: hand it absolute paths.
for labeler_f do
    shift
    case $labeler_f in
        /*) ;;
        *) case $PWD in
               /) labeler_f=/$labeler_f ;;
               *) labeler_f=$PWD/$labeler_f ;;
           esac ;;
    esac
    set -- "$@" "$labeler_f"
done
exec @COMMAND@ @ACTION@ -- "$@"
