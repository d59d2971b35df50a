"""What LibreOffice sees in documents, through its UNO API; used by tests/test_markings_odf.py.

Run with the system Python that has LibreOffice's `uno` module (not the
project's venv):

    /usr/bin/python3 tests/lo_uno_view.py PROFILE_URL headless|visible FILE...

Prints one JSON object: per file, the texts of the headers and footers of
the page styles that have them switched on (Writer: the whole text; Calc:
left|centre|right of the right-page content), the master pages' shapes
(Impress: name and text) and, in a visible window, whether the frame shows
LibreOffice's classification infobar.
"""
import json
import os
import subprocess
import sys
import time

import uno
from com.sun.star.beans import PropertyValue


def pv(n, v):
    p = PropertyValue()
    p.Name = n
    p.Value = v
    return p


def main():
    profile, visible, files = sys.argv[1], sys.argv[2] == "visible", sys.argv[3:]
    pipe = f"labelerview{os.getpid()}"
    args = ["soffice", "--norestore", "--nologo", f"-env:UserInstallation={profile}",
            f"--accept=pipe,name={pipe};urp;"]
    if not visible:
        args.insert(1, "--headless")
    proc = subprocess.Popen(args, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    desktop = ctx = None
    try:
        local = uno.getComponentContext()
        resolver = local.ServiceManager.createInstanceWithContext("com.sun.star.bridge.UnoUrlResolver", local)
        for _ in range(120):
            try:
                ctx = resolver.resolve(f"uno:pipe,name={pipe};urp;StarOffice.ComponentContext")
                break
            except Exception:
                time.sleep(0.5)
        if ctx is None:
            raise SystemExit("LibreOffice did not answer on its UNO pipe")
        desktop = ctx.ServiceManager.createInstanceWithContext("com.sun.star.frame.Desktop", ctx)
        out = {}
        for path in files:
            doc = desktop.loadComponentFromURL(uno.systemPathToFileUrl(path), "_blank", 0, (pv("Hidden", not visible),))
            seen = {"header": [], "footer": [], "shapes": []}
            if (doc.supportsService("com.sun.star.text.TextDocument")
                    or doc.supportsService("com.sun.star.sheet.SpreadsheetDocument")):
                styles = doc.StyleFamilies.getByName("PageStyles")
                for name in styles.ElementNames:
                    style = styles.getByName(name)
                    for part in ("header", "footer"):
                        if not getattr(style, part.capitalize() + "IsOn"):
                            continue
                        if doc.supportsService("com.sun.star.text.TextDocument"):
                            seen[part].append(getattr(style, part.capitalize() + "Text").String)
                        else:
                            content = getattr(style, "RightPage" + part.capitalize() + "Content")
                            thirds = (content.LeftText, content.CenterText, content.RightText)
                            seen[part].append("|".join(t.String for t in thirds))
            if doc.supportsService("com.sun.star.presentation.PresentationDocument"):
                masters = doc.MasterPages
                for i in range(masters.Count):
                    master = masters.getByIndex(i)
                    for j in range(master.Count):
                        shape = master.getByIndex(j)
                        seen["shapes"].append([shape.Name, shape.String if hasattr(shape, "String") else ""])
            if visible:
                time.sleep(2)  # the infobar is added once the frame is shown
                controller = doc.CurrentController
                seen["infobar_classification"] = bool(controller.hasInfobar("classification"))
            out[path] = seen
            doc.close(True)
        print(json.dumps(out))
    finally:
        try:
            if desktop is not None:
                desktop.terminate()
        except Exception:
            pass
        try:
            proc.wait(30)
        except subprocess.TimeoutExpired:
            proc.kill()


if __name__ == "__main__":
    main()
