<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="nl_NL">
<context>
    <name></name>
    <message>
        <source>Labeler — unexpected problem</source>
        <translation>Labeler — onverwacht probleem</translation>
    </message>
    <message>
        <source>Something went wrong inside Labeler. No document was left half-written, and the app keeps running.</source>
        <translation>Er ging iets mis in Labeler. Geen enkel document is half geschreven achtergebleven en de app blijft werken.</translation>
    </message>
    <message>
        <source>Open log folder</source>
        <translation>Logmap openen</translation>
    </message>
    <message>
        <source>The details are also in the log; your administrator may ask for it.</source>
        <translation>De details staan ook in het logbestand; uw beheerder kan erom vragen.</translation>
    </message>
    <message>
        <source>Label scheme: %1, version %2</source>
        <translation>Labelschema: %1, versie %2</translation>
    </message>
    <message>
        <source>the built-in demo scheme</source>
        <translation>het ingebouwde demoschema</translation>
    </message>
    <message>
        <source>from %1</source>
        <translation>van %1</translation>
    </message>
    <message>
        <source>Label files</source>
        <translation>Bestanden labelen</translation>
    </message>
    <message>
        <source>Labeler</source>
        <translation>Labeler</translation>
    </message>
    <message>
        <source>The label scheme was updated to version %1.</source>
        <translation>Het labelschema is bijgewerkt naar versie %1.</translation>
    </message>
    <message>
        <source>No folder is watched.</source>
        <translation>Er wordt geen map bewaakt.</translation>
    </message>
    <message>
        <source>Watching is stopped.</source>
        <translation>Bewaken is gestopt.</translation>
    </message>
    <message numerus="yes">
        <source>Watching %n folder(s) for documents without a label.</source>
        <translation>
            <numerusform>%n map wordt bewaakt op documenten zonder label.</numerusform>
            <numerusform>%n mappen worden bewaakt op documenten zonder label.</numerusform>
        </translation>
    </message>
    <message>
        <source>Watching by polling %1: %2</source>
        <translation>%1 wordt periodiek gecontroleerd: %2</translation>
    </message>
    <message numerus="yes">
        <source>(%n more folder(s) polled)</source>
        <translation>
            <numerusform>(nog %n map periodiek gecontroleerd)</numerusform>
            <numerusform>(nog %n mappen periodiek gecontroleerd)</numerusform>
        </translation>
    </message>
    <message>
        <source>Not found: %1.</source>
        <translation>Niet gevonden: %1.</translation>
    </message>
</context>
<context>
    <name>Notifier</name>
    <message>
        <source>Documents to label</source>
        <translation>Documenten om te labelen</translation>
    </message>
    <message>
        <source>Label now</source>
        <translation>Nu labelen</translation>
    </message>
    <message>
        <source>Remind me in an hour</source>
        <translation>Over een uur herinneren</translation>
    </message>
    <message>
        <source>Until then there are no reminders about any folder; the documents stay on the list.</source>
        <translation>Tot dan komen er geen herinneringen over welke map ook; de documenten blijven op de lijst.</translation>
    </message>
    <message>
        <source>Don&apos;t ask for this folder</source>
        <translation>Niet meer vragen voor deze map</translation>
    </message>
</context>
<context>
    <name>RestoreNotice</name>
    <message>
        <source>Another program saved “%1” without its label %2. Put the label back?</source>
        <translation>Een ander programma heeft “%1” opgeslagen zonder zijn label %2. Het label terugzetten?</translation>
    </message>
    <message numerus="yes">
        <source>%n more document(s) lost their label the same way.</source>
        <translation>
            <numerusform>Nog %n document verloor zijn label op dezelfde manier.</numerusform>
            <numerusform>Nog %n documenten verloren hun label op dezelfde manier.</numerusform>
        </translation>
    </message>
    <message>
        <source>Label dropped by another program</source>
        <translation>Label weggelaten door een ander programma</translation>
    </message>
    <message>
        <source>Put the label back</source>
        <translation>Label terugzetten</translation>
    </message>
    <message>
        <source>Label the document again with the label it had; the audit log records it as restored</source>
        <translation>Het document opnieuw labelen met het label dat het had; het auditlogboek noteert dit als teruggezet</translation>
    </message>
    <message>
        <source>Leave it unlabelled</source>
        <translation>Zonder label laten</translation>
    </message>
</context>
<context>
    <name>Tray</name>
    <message>
        <source>Labeler</source>
        <translation>Labeler</translation>
    </message>
    <message numerus="yes">
        <source>%n document(s) waiting for a label</source>
        <translation>
            <numerusform>%n document wacht op een label</numerusform>
            <numerusform>%n documenten wachten op een label</numerusform>
        </translation>
    </message>
    <message>
        <source>Watching paused</source>
        <translation>Bewaken gepauzeerd</translation>
    </message>
    <message>
        <source>Label a file…</source>
        <translation>Een bestand labelen…</translation>
    </message>
    <message numerus="yes">
        <source>Documents waiting (%n)</source>
        <translation>
            <numerusform>Wachtende documenten (%n)</numerusform>
            <numerusform>Wachtende documenten (%n)</numerusform>
        </translation>
    </message>
    <message>
        <source>Pause watching</source>
        <translation>Bewaken pauzeren</translation>
    </message>
    <message>
        <source>Open overview</source>
        <translation>Overzicht openen</translation>
    </message>
    <message>
        <source>Settings…</source>
        <translation>Instellingen…</translation>
    </message>
    <message>
        <source>Quit</source>
        <translation>Afsluiten</translation>
    </message>
</context>
<context>
    <name>TrayWindow</name>
    <message>
        <source>Labeler</source>
        <translation>Labeler</translation>
    </message>
    <message>
        <source>Label them…</source>
        <translation>Nu labelen…</translation>
    </message>
    <message>
        <source>Label a file…</source>
        <translation>Een bestand labelen…</translation>
    </message>
    <message>
        <source>Open overview</source>
        <translation>Overzicht openen</translation>
    </message>
    <message>
        <source>Settings…</source>
        <translation>Instellingen…</translation>
    </message>
    <message>
        <source>Pause watching</source>
        <translation>Bewaken pauzeren</translation>
    </message>
    <message>
        <source>Quit</source>
        <translation>Afsluiten</translation>
    </message>
    <message>
        <source>There is no system tray on this desktop, so this window takes its place. Closing it keeps your folders watched; run labeler to open it again.</source>
        <translation>Deze desktop heeft geen systeemvak, daarom neemt dit venster die plaats in. Als je het sluit, blijven je mappen bewaakt; start labeler om het weer te openen.</translation>
    </message>
    <message numerus="yes">
        <source>%n document(s) waiting for a label</source>
        <translation>
            <numerusform>%n document wacht op een label</numerusform>
            <numerusform>%n documenten wachten op een label</numerusform>
        </translation>
    </message>
    <message>
        <source>No documents waiting for a label</source>
        <translation>Er wachten geen documenten op een label</translation>
    </message>
    <message>
        <source>Watching paused</source>
        <translation>Bewaken gepauzeerd</translation>
    </message>
</context>
</TS>
