<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="nl_NL">
<context>
    <name>LabelDialogController</name>
    <message>
        <source>Working…</source>
        <translation>Bezig…</translation>
    </message>
    <message>
        <source>Reading the current labels…</source>
        <translation>De huidige labels worden gelezen…</translation>
    </message>
    <message>
        <source>This file cannot be labelled: %1</source>
        <translation>Dit bestand kan geen label krijgen: %1</translation>
    </message>
    <message>
        <source>None of these files can be labelled.</source>
        <translation>Geen van deze bestanden kan een label krijgen.</translation>
    </message>
    <message>
        <source>Every file is left out: tick the files to label.</source>
        <translation>Alle bestanden zijn weggelaten: vink de bestanden aan die een label moeten krijgen.</translation>
    </message>
    <message>
        <source>Choose a label first.</source>
        <translation>Kies eerst een label.</translation>
    </message>
    <message>
        <source>Choose a label below, or one for each group above.</source>
        <translation>Kies hieronder een label, of hierboven een per groep.</translation>
    </message>
    <message>
        <source>There is no label to remove.</source>
        <translation>Er is geen label om te verwijderen.</translation>
    </message>
    <message>
        <source>This file is already labelled %1.</source>
        <translation>Dit bestand heeft al het label %1.</translation>
    </message>
    <message>
        <source>These files are already labelled %1.</source>
        <translation>Deze bestanden hebben al het label %1.</translation>
    </message>
    <message>
        <source>These files already carry the labels chosen for them.</source>
        <translation>Deze bestanden hebben al de labels die voor hen gekozen zijn.</translation>
    </message>
    <message>
        <source>A lower label than recommended needs a reason: type it above.</source>
        <translation>Een lager label dan aanbevolen vraagt een reden: vul ze hierboven in.</translation>
    </message>
    <message>
        <source>Removing %1 needs a reason: type it above.</source>
        <translation>Om %1 te verwijderen is een reden nodig: vul ze hierboven in.</translation>
    </message>
    <message>
        <source>Lowering %1 needs a reason: type it above.</source>
        <translation>Om %1 te verlagen is een reden nodig: vul ze hierboven in.</translation>
    </message>
    <message>
        <source>Lowering %1 to %2 needs a reason: type it above.</source>
        <translation>Om %1 te verlagen naar %2 is een reden nodig: vul ze hierboven in.</translation>
    </message>
    <message>
        <source>Use the recommendations</source>
        <translation>Aanbevelingen gebruiken</translation>
    </message>
    <message>
        <source>Gives each group of files its own recommended label; nothing is applied until you confirm.</source>
        <translation>Geeft elke groep bestanden haar eigen aanbevolen label; er wordt niets toegepast tot je bevestigt.</translation>
    </message>
    <message>
        <source>Chooses the recommended label; nothing is applied until you confirm.</source>
        <translation>Kiest het aanbevolen label; er wordt niets toegepast tot je bevestigt.</translation>
    </message>
    <message>
        <source>One line, kept in the audit log</source>
        <translation>Eén regel, bewaard in het auditlogboek</translation>
    </message>
    <message>
        <source>File</source>
        <translation>Bestand</translation>
    </message>
    <message>
        <source>Current label</source>
        <translation>Huidig label</translation>
    </message>
    <message>
        <source>Found in the content</source>
        <translation>Gevonden in de inhoud</translation>
    </message>
    <message>
        <source>Will be labelled</source>
        <translation>Krijgt het label</translation>
    </message>
    <message numerus="yes">
        <source>Nothing sensitive found (%n file(s))</source>
        <translation>
            <numerusform>Niets gevoeligs gevonden (%n bestand)</numerusform>
            <numerusform>Niets gevoeligs gevonden (%n bestanden)</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Content not checked (%n file(s))</source>
        <translation>
            <numerusform>Inhoud niet nagekeken (%n bestand)</numerusform>
            <numerusform>Inhoud niet nagekeken (%n bestanden)</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Checking the content… (%n file(s))</source>
        <translation>
            <numerusform>De inhoud wordt nagekeken… (%n bestand)</numerusform>
            <numerusform>De inhoud wordt nagekeken… (%n bestanden)</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Cannot be labelled (%n file(s))</source>
        <translation>
            <numerusform>Kan geen label krijgen (%n bestand)</numerusform>
            <numerusform>Kan geen label krijgen (%n bestanden)</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Recommended: %1 (%n file(s))</source>
        <translation>
            <numerusform>Aanbevolen: %1 (%n bestand)</numerusform>
            <numerusform>Aanbevolen: %1 (%n bestanden)</numerusform>
        </translation>
    </message>
    <message>
        <source>As chosen below: %1</source>
        <translation>Zoals hieronder gekozen: %1</translation>
    </message>
    <message>
        <source>As chosen below</source>
        <translation>Zoals hieronder gekozen</translation>
    </message>
    <message>
        <source>The label for the files of this group</source>
        <translation>Het label voor de bestanden van deze groep</translation>
    </message>
    <message>
        <source>left out</source>
        <translation>weggelaten</translation>
    </message>
    <message>
        <source>(below the recommendation)</source>
        <translation>(lager dan aanbevolen)</translation>
    </message>
    <message>
        <source>no label (removed)</source>
        <translation>geen label (verwijderd)</translation>
    </message>
    <message>
        <source>cannot be labelled</source>
        <translation>kan geen label krijgen</translation>
    </message>
    <message>
        <source>not checked</source>
        <translation>niet nagekeken</translation>
    </message>
    <message>
        <source>checking…</source>
        <translation>wordt nagekeken…</translation>
    </message>
    <message>
        <source>could not be checked</source>
        <translation>kon niet nagekeken worden</translation>
    </message>
    <message>
        <source>nothing found</source>
        <translation>niets gevonden</translation>
    </message>
    <message numerus="yes">
        <source>Found in %1 of %n document(s):</source>
        <translation>
            <numerusform>Gevonden in %1 van %n document:</numerusform>
            <numerusform>Gevonden in %1 van %n documenten:</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%1 for %n file(s)</source>
        <translation>
            <numerusform>%1 voor %n bestand</numerusform>
            <numerusform>%1 voor %n bestanden</numerusform>
        </translation>
    </message>
    <message>
        <source>Why are you lowering %1? The scheme asks for a reason.</source>
        <translation>Waarom verlaag je %1? Het schema vraagt een reden.</translation>
    </message>
    <message>
        <source>The content suggests %1. Why is removing the label enough?</source>
        <translation>De inhoud wijst op %1. Waarom volstaat het om het label te verwijderen?</translation>
    </message>
    <message>
        <source>The content suggests %1. Why is %2 enough?</source>
        <translation>De inhoud wijst op %1. Waarom volstaat %2?</translation>
    </message>
    <message numerus="yes">
        <source>%n file(s) would get a lower label than recommended. Why is that enough?</source>
        <translation>
            <numerusform>%n bestand zou een lager label krijgen dan aanbevolen. Waarom volstaat dat?</numerusform>
            <numerusform>%n bestanden zouden een lager label krijgen dan aanbevolen. Waarom volstaat dat?</numerusform>
        </translation>
    </message>
    <message>
        <source>One line; the audit log keeps it with the recommendation.</source>
        <translation>Eén regel; het auditlogboek bewaart ze bij de aanbeveling.</translation>
    </message>
    <message numerus="yes">
        <source>Apply to %1 of %n file(s)</source>
        <translation>
            <numerusform>Toepassen op %1 van %n bestand</numerusform>
            <numerusform>Toepassen op %1 van %n bestanden</numerusform>
        </translation>
    </message>
    <message>
        <source>Stopping after the current file…</source>
        <translation>Stopt na het huidige bestand…</translation>
    </message>
    <message>
        <source>Label documents</source>
        <translation>Documenten labelen</translation>
    </message>
    <message>
        <source>Label document</source>
        <translation>Document labelen</translation>
    </message>
    <message>
        <source>Choose a label</source>
        <translation>Kies een label</translation>
    </message>
    <message>
        <source>What this means for sharing</source>
        <translation>Wat dit betekent voor delen</translation>
    </message>
    <message>
        <source>Select</source>
        <translation>Kiezen</translation>
    </message>
    <message>
        <source>Remove label</source>
        <translation>Label verwijderen</translation>
    </message>
    <message>
        <source>Take our label off the file(s); other tools&apos; labels stay.</source>
        <translation>Haalt ons label van de bestanden; labels van andere programma&apos;s blijven staan.</translation>
    </message>
    <message>
        <source>Labelling files…</source>
        <translation>Bestanden worden gelabeld…</translation>
    </message>
    <message>
        <source>Microsoft label: %1</source>
        <translation>Microsoft-label: %1</translation>
    </message>
    <message>
        <source>LibreOffice (TSCP) classification: %1</source>
        <translation>LibreOffice-classificatie (TSCP): %1</translation>
    </message>
    <message>
        <source>Titus label: %1</source>
        <translation>Titus-label: %1</translation>
    </message>
    <message>
        <source>Boldon James label: %1</source>
        <translation>Boldon James-label: %1</translation>
    </message>
    <message>
        <source>Other label: %1</source>
        <translation>Ander label: %1</translation>
    </message>
    <message numerus="yes">
        <source>%n file(s)</source>
        <translation>
            <numerusform>%n bestand</numerusform>
            <numerusform>%n bestanden</numerusform>
        </translation>
    </message>
    <message>
        <source>in %1</source>
        <translation>in %1</translation>
    </message>
    <message>
        <source>in several folders</source>
        <translation>in verschillende mappen</translation>
    </message>
    <message>
        <source>Checking the content for sensitive information…</source>
        <translation>De inhoud wordt nagekeken op gevoelige informatie…</translation>
    </message>
    <message>
        <source>No sensitive content found.</source>
        <translation>Geen gevoelige inhoud gevonden.</translation>
    </message>
    <message>
        <source>Reading the current label…</source>
        <translation>Het huidige label wordt gelezen…</translation>
    </message>
    <message>
        <source>Current label: %1</source>
        <translation>Huidig label: %1</translation>
    </message>
    <message>
        <source>(recognised from another tool&apos;s label)</source>
        <translation>(herkend aan het label van een ander programma)</translation>
    </message>
    <message>
        <source>Current label: %1 (not in this scheme)</source>
        <translation>Huidig label: %1 (niet in dit schema)</translation>
    </message>
    <message>
        <source>No label yet</source>
        <translation>Nog geen label</translation>
    </message>
    <message>
        <source>reading…</source>
        <translation>wordt gelezen…</translation>
    </message>
    <message>
        <source>no label</source>
        <translation>geen label</translation>
    </message>
    <message>
        <source>Current labels: %1</source>
        <translation>Huidige labels: %1</translation>
    </message>
    <message>
        <source>current</source>
        <translation>huidig</translation>
    </message>
    <message>
        <source>current for some</source>
        <translation>huidig voor sommige</translation>
    </message>
    <message>
        <source>recommended</source>
        <translation>aanbevolen</translation>
    </message>
    <message>
        <source>Found in this document:</source>
        <translation>Gevonden in dit document:</translation>
    </message>
    <message>
        <source>Recommended: %1</source>
        <translation>Aanbevolen: %1</translation>
    </message>
    <message>
        <source>If you remove the label</source>
        <translation>Als je het label verwijdert</translation>
    </message>
    <message>
        <source>The document will no longer say how it may be shared. Labels written by other tools stay as they are.</source>
        <translation>Het document zegt dan niet langer hoe het gedeeld mag worden. Labels van andere programma&apos;s blijven zoals ze zijn.</translation>
    </message>
    <message>
        <source>Choose a label to see what it means</source>
        <translation>Kies een label om te zien wat het betekent</translation>
    </message>
    <message>
        <source>If you choose %1</source>
        <translation>Als je %1 kiest</translation>
    </message>
    <message>
        <source>a header: “%1”</source>
        <translation>een koptekst: “%1”</translation>
    </message>
    <message>
        <source>a footer: “%1”</source>
        <translation>een voettekst: “%1”</translation>
    </message>
    <message>
        <source>a watermark: “%1”</source>
        <translation>een watermerk: “%1”</translation>
    </message>
    <message>
        <source>Adds %1.</source>
        <translation>Voegt %1 toe.</translation>
    </message>
    <message numerus="yes">
        <source>%n file(s) can only be labelled beside the content: the label does not travel with copies or e-mail, and no marking is drawn.</source>
        <translation>
            <numerusform>%n bestand kan alleen naast de inhoud gelabeld worden: het label reist niet mee met kopieën of e-mail, en er wordt geen markering getekend.</numerusform>
            <numerusform>%n bestanden kunnen alleen naast de inhoud gelabeld worden: het label reist niet mee met kopieën of e-mail, en er wordt geen markering getekend.</numerusform>
        </translation>
    </message>
    <message>
        <source>Instead: %1</source>
        <translation>Beter: %1</translation>
    </message>
    <message>
        <source>Why are you removing %1? The scheme asks for a reason.</source>
        <translation>Waarom verwijder je %1? Het schema vraagt een reden.</translation>
    </message>
    <message>
        <source>Why are you lowering %1 to %2? The scheme asks for a reason.</source>
        <translation>Waarom verlaag je %1 naar %2? Het schema vraagt een reden.</translation>
    </message>
    <message>
        <source>Close</source>
        <translation>Sluiten</translation>
    </message>
    <message>
        <source>Apply</source>
        <translation>Toepassen</translation>
    </message>
    <message numerus="yes">
        <source>Apply to %n file(s)</source>
        <translation>
            <numerusform>Toepassen op %n bestand</numerusform>
            <numerusform>Toepassen op %n bestanden</numerusform>
        </translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>Annuleren</translation>
    </message>
    <message>
        <source>%1 of %2</source>
        <translation>%1 van %2</translation>
    </message>
    <message>
        <source>%1 is now labelled %2.</source>
        <translation>%1 heeft nu het label %2.</translation>
    </message>
    <message>
        <source>The label was removed from %1.</source>
        <translation>Het label is van %1 verwijderd.</translation>
    </message>
    <message>
        <source>%1 already carried %2; nothing was changed.</source>
        <translation>%1 had al het label %2; er is niets veranderd.</translation>
    </message>
    <message>
        <source>%1 had no label to remove; nothing was changed.</source>
        <translation>%1 had geen label om te verwijderen; er is niets veranderd.</translation>
    </message>
    <message>
        <source>%1 was not changed.</source>
        <translation>%1 is niet veranderd.</translation>
    </message>
    <message numerus="yes">
        <source>%1 of %n file(s) labelled %2.</source>
        <translation>
            <numerusform>%1 van %n bestand gelabeld als %2.</numerusform>
            <numerusform>%1 van %n bestanden gelabeld als %2.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Label removed from %1 of %n file(s).</source>
        <translation>
            <numerusform>Label verwijderd van %1 van %n bestand.</numerusform>
            <numerusform>Label verwijderd van %1 van %n bestanden.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%1 of %n file(s) labelled.</source>
        <translation>
            <numerusform>%1 van %n bestand kreeg een label.</numerusform>
            <numerusform>%1 van %n bestanden kregen een label.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n file(s) already had it and were not changed.</source>
        <translation>
            <numerusform>%n bestand had het al en is niet veranderd.</numerusform>
            <numerusform>%n bestanden hadden het al en zijn niet veranderd.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n file(s) left out, as you chose.</source>
        <translation>
            <numerusform>%n bestand weggelaten, zoals je koos.</numerusform>
            <numerusform>%n bestanden weggelaten, zoals je koos.</numerusform>
        </translation>
    </message>
    <message>
        <source>not processed (cancelled)</source>
        <translation>niet verwerkt (geannuleerd)</translation>
    </message>
    <message numerus="yes">
        <source>%n file(s) left as they were:</source>
        <translation>
            <numerusform>%n bestand bleef zoals het was:</numerusform>
            <numerusform>%n bestanden bleven zoals ze waren:</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>QAbstractFileIconProvider</name>
    <message>
        <source>Folder</source>
        <translation>Map</translation>
    </message>
    <message>
        <source>File</source>
        <translation>Bestand</translation>
    </message>
    <message>
        <source>Drive</source>
        <translation>Station</translation>
    </message>
</context>
<context>
    <name>QFileDialog</name>
    <message>
        <source>&amp;Look in:</source>
        <translation>&amp;Zoeken in:</translation>
    </message>
    <message>
        <source>Files of &amp;type:</source>
        <translation>Bestands&amp;type:</translation>
    </message>
</context>
<context>
    <name>VerdictMark</name>
    <message>
        <source>Allowed</source>
        <translation>Toegestaan</translation>
    </message>
    <message>
        <source>With conditions</source>
        <translation>Onder voorwaarden</translation>
    </message>
    <message>
        <source>Not allowed</source>
        <translation>Niet toegestaan</translation>
    </message>
</context>
</TS>
