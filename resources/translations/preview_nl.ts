<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="nl_NL">
<context>
    <name></name>
    <message>
        <source>Sample document (it does not exist on disk).</source>
        <translation>Voorbeelddocument (het bestaat niet op de schijf).</translation>
    </message>
    <message>
        <source>Preview: nothing was written. In use, this change would need a justification.</source>
        <translation>Voorvertoning: er is niets weggeschreven. In het echt zou deze wijziging een reden vereisen.</translation>
    </message>
    <message>
        <source>Preview: nothing was written. In use, the label would have been removed.</source>
        <translation>Voorvertoning: er is niets weggeschreven. In het echt zou het label nu verwijderd zijn.</translation>
    </message>
    <message>
        <source>Preview: nothing was written. In use, the file would have been labelled %1.</source>
        <translation>Voorvertoning: er is niets weggeschreven. In het echt zou het bestand nu het label %1 dragen.</translation>
    </message>
</context>
<context>
    <name>PreviewWindow</name>
    <message>
        <source>Scheme preview — %1</source>
        <translation>Voorvertoning van het schema — %1</translation>
    </message>
    <message>
        <source>Reading %1…</source>
        <translation>%1 wordt gelezen…</translation>
    </message>
    <message>
        <source>Preview of %1, version %2 — not signed, nothing is written</source>
        <translation>Voorvertoning van %1, versie %2 — niet ondertekend, er wordt niets weggeschreven</translation>
    </message>
    <message>
        <source>Preview of %1 — not a valid scheme yet, nothing is written</source>
        <translation>Voorvertoning van %1 — nog geen geldig schema, er wordt niets weggeschreven</translation>
    </message>
    <message>
        <source>&amp;Language:</source>
        <translation>&amp;Taal:</translation>
    </message>
    <message>
        <source>&amp;Reload</source>
        <translation>&amp;Opnieuw laden</translation>
    </message>
    <message>
        <source>Read the scheme file again (it is also read again when it is saved).</source>
        <translation>Het schemabestand opnieuw inlezen (dat gebeurt ook vanzelf zodra het wordt opgeslagen).</translation>
    </message>
    <message>
        <source>Start again</source>
        <translation>Opnieuw beginnen</translation>
    </message>
    <message>
        <source>The labelling dialog as employees will see it, for a sample document. Applying a label here changes no file.</source>
        <translation>Het labelvenster zoals medewerkers het zullen zien, voor een voorbeelddocument. Een label toepassen verandert hier geen enkel bestand.</translation>
    </message>
    <message>
        <source>Labelling dialog</source>
        <translation>Labelvenster</translation>
    </message>
    <message>
        <source>Sharing matrix</source>
        <translation>Deelmatrix</translation>
    </message>
</context>
<context>
    <name>ProblemsView</name>
    <message>
        <source>Line</source>
        <translation>Regel</translation>
    </message>
    <message>
        <source>Field</source>
        <translation>Veld</translation>
    </message>
    <message>
        <source>Problem</source>
        <translation>Probleem</translation>
    </message>
    <message>
        <source>Double-click a problem, or press Enter on it, to see its line. Fix the file and save it: the preview reloads by itself.</source>
        <translation>Dubbelklik op een probleem of druk erop op Enter om de regel te zien. Verbeter het bestand en sla het op: de voorvertoning wordt vanzelf opnieuw geladen.</translation>
    </message>
    <message numerus="yes">
        <source>%n problem(s) must be fixed before this scheme can be used.</source>
        <translation>
            <numerusform>%n probleem moet opgelost worden voordat dit schema gebruikt kan worden.</numerusform>
            <numerusform>%n problemen moeten opgelost worden voordat dit schema gebruikt kan worden.</numerusform>
        </translation>
    </message>
    <message>
        <source>Line %1 of the file:</source>
        <translation>Regel %1 van het bestand:</translation>
    </message>
    <message>
        <source>The file:</source>
        <translation>Het bestand:</translation>
    </message>
</context>
</TS>
