<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="nl_NL">
<context>
    <name>FilesModel</name>
    <message>
        <source>A dashed tag after a label: the label is stored beside the content, not inside the file, so copies to USB sticks or e-mail attachments lose it.</source>
        <translation>Een gestippeld labeltje achter een label: het label is naast de inhoud opgeslagen, niet in het bestand, dus kopieën op USB-sticks of als e-mailbijlage verliezen het.</translation>
    </message>
    <message>
        <source>Name</source>
        <translation>Naam</translation>
    </message>
    <message>
        <source>Folder</source>
        <translation>Map</translation>
    </message>
    <message>
        <source>Label</source>
        <translation>Label</translation>
    </message>
    <message>
        <source>Modified</source>
        <translation>Gewijzigd</translation>
    </message>
    <message>
        <source>Other tools&apos; labels</source>
        <translation>Labels van andere programma&apos;s</translation>
    </message>
    <message>
        <source>The label is stored beside the content: copies to USB sticks or e-mail attachments lose it.</source>
        <translation>Het label is naast de inhoud opgeslagen: kopieën op USB-sticks of als e-mailbijlage verliezen het.</translation>
    </message>
    <message>
        <source>Unreadable</source>
        <translation>Onleesbaar</translation>
    </message>
    <message>
        <source>Not labelled yet</source>
        <translation>Nog zonder label</translation>
    </message>
    <message>
        <source>Recognised from another tool&apos;s label; not yet labelled with this app.</source>
        <translation>Herkend aan het label van een ander programma; nog niet met deze app gelabeld.</translation>
    </message>
</context>
<context>
    <name>FilesPage</name>
    <message>
        <source>All</source>
        <translation>Alles</translation>
    </message>
    <message>
        <source>Not labelled yet</source>
        <translation>Nog zonder label</translation>
    </message>
    <message>
        <source>Other tools&apos; labels</source>
        <translation>Labels van andere programma&apos;s</translation>
    </message>
    <message>
        <source>Unreadable</source>
        <translation>Onleesbaar</translation>
    </message>
    <message>
        <source>All folders</source>
        <translation>Alle mappen</translation>
    </message>
    <message>
        <source>Label…</source>
        <translation>Labelen…</translation>
    </message>
    <message>
        <source>Open containing folder</source>
        <translation>Bovenliggende map openen</translation>
    </message>
    <message numerus="yes">
        <source>Reading labels… %1 file(s)</source>
        <translation>
            <numerusform>Labels lezen… %1 bestand</numerusform>
            <numerusform>Labels lezen… %1 bestanden</numerusform>
        </translation>
    </message>
    <message>
        <source>The folders could not be read: %1</source>
        <translation>De mappen konden niet gelezen worden: %1</translation>
    </message>
    <message numerus="yes">
        <source>Stopped after %1 file(s). Press F5 to read the folders again.</source>
        <translation>
            <numerusform>Gestopt na %1 bestand. Druk op F5 om de mappen opnieuw te lezen.</numerusform>
            <numerusform>Gestopt na %1 bestanden. Druk op F5 om de mappen opnieuw te lezen.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%1 file(s)</source>
        <translation>
            <numerusform>%1 bestand</numerusform>
            <numerusform>%1 bestanden</numerusform>
        </translation>
    </message>
    <message>
        <source>%1 of %2 shown</source>
        <translation>%1 van %2 getoond</translation>
    </message>
    <message>
        <source>Folder not found</source>
        <translation>Map niet gevonden</translation>
    </message>
    <message>
        <source>No documents</source>
        <translation>Geen documenten</translation>
    </message>
    <message numerus="yes">
        <source>%1 labelled</source>
        <translation>
            <numerusform>%1 gelabeld</numerusform>
            <numerusform>%1 gelabeld</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%1 to label</source>
        <translation>
            <numerusform>%1 te labelen</numerusform>
            <numerusform>%1 te labelen</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%1 unreadable</source>
        <translation>
            <numerusform>%1 onleesbaar</numerusform>
            <numerusform>%1 onleesbaar</numerusform>
        </translation>
    </message>
    <message>
        <source>Labelled documents in %1</source>
        <translation>Gelabelde documenten in %1</translation>
    </message>
</context>
<context>
    <name>FilesView</name>
    <message>
        <source>Watched folders</source>
        <translation>Gevolgde mappen</translation>
    </message>
    <message>
        <source>No folder is watched. Add one in Settings to see its documents here.</source>
        <translation>Er wordt geen map gevolgd. Voeg er een toe in Instellingen om de documenten ervan hier te zien.</translation>
    </message>
    <message>
        <source>&amp;Show:</source>
        <translation>&amp;Tonen:</translation>
    </message>
    <message>
        <source>&amp;In:</source>
        <translation>&amp;In:</translation>
    </message>
    <message>
        <source>Search by name (Ctrl+F)</source>
        <translation>Zoeken op naam (Ctrl+F)</translation>
    </message>
    <message>
        <source>Search by name</source>
        <translation>Zoeken op naam</translation>
    </message>
    <message>
        <source>Show &amp;all files</source>
        <translation>&amp;Alle bestanden tonen</translation>
    </message>
    <message>
        <source>Also list files that are not documents, such as images and text files.</source>
        <translation>Ook bestanden tonen die geen documenten zijn, zoals afbeeldingen en tekstbestanden.</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>Annuleren</translation>
    </message>
    <message>
        <source>&amp;Refresh</source>
        <translation>&amp;Vernieuwen</translation>
    </message>
    <message>
        <source>Read the folders again (F5)</source>
        <translation>De mappen opnieuw lezen (F5)</translation>
    </message>
    <message>
        <source>&amp;Open containing folder</source>
        <translation>Bovenliggende map &amp;openen</translation>
    </message>
    <message>
        <source>&amp;Label…</source>
        <translation>&amp;Labelen…</translation>
    </message>
    <message>
        <source>Label the selected files (Enter)</source>
        <translation>De geselecteerde bestanden labelen (Enter)</translation>
    </message>
    <message>
        <source>Files</source>
        <translation>Bestanden</translation>
    </message>
</context>
<context>
    <name>OverviewWindow</name>
    <message>
        <source>Overview</source>
        <translation>Overzicht</translation>
    </message>
    <message>
        <source>Files</source>
        <translation>Bestanden</translation>
    </message>
    <message>
        <source>Awareness</source>
        <translation>Bewustwording</translation>
    </message>
    <message>
        <source>History</source>
        <translation>Geschiedenis</translation>
    </message>
    <message>
        <source>Pages</source>
        <translation>Pagina&apos;s</translation>
    </message>
</context>
</TS>
