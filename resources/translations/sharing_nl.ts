<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="nl">
<context>
    <name>FileRow</name>
    <message>
        <source>Reading the label…</source>
        <translation>Label wordt gelezen…</translation>
    </message>
    <message>
        <source>could not be read</source>
        <translation>kon niet gelezen worden</translation>
    </message>
    <message>
        <source>counts as %1 — not labelled</source>
        <translation>telt als %1 — geen label</translation>
    </message>
    <message>
        <source>the file is not there any more.</source>
        <translation>het bestand is er niet meer.</translation>
    </message>
    <message>
        <source>it is a folder, not a file.</source>
        <translation>het is een map, geen bestand.</translation>
    </message>
    <message>
        <source>Cannot be checked, so it stays out: %1</source>
        <translation>Kan niet gecontroleerd worden en blijft dus achter: %1</translation>
    </message>
    <message numerus="yes">
        <source>Allowed for %n recipient(s).</source>
        <translation>
            <numerusform>Toegestaan voor deze ontvanger.</numerusform>
            <numerusform>Toegestaan voor deze %n ontvangers.</numerusform>
        </translation>
    </message>
    <message>
        <source>Allowed with conditions: %1</source>
        <translation>Toegestaan onder voorwaarden: %1</translation>
    </message>
    <message>
        <source>Attached once you tick “I have read the conditions”.</source>
        <translation>Wordt bijgevoegd zodra je “Ik heb de voorwaarden gelezen” aanvinkt.</translation>
    </message>
    <message>
        <source>Too large to attach for %1: %2 KB, over the %3 KB limit.</source>
        <translation>Te groot als bijlage voor %1: %2 kB, boven de limiet van %3 kB.</translation>
    </message>
    <message>
        <source>Not allowed for %1.</source>
        <translation>Niet toegestaan voor %1.</translation>
    </message>
    <message>
        <source>Why: %1</source>
        <translation>Waarom: %1</translation>
    </message>
    <message>
        <source>Instead: %1</source>
        <translation>Beter: %1</translation>
    </message>
    <message numerus="yes">
        <source>%1 and %n more</source>
        <translation>
            <numerusform>%1 en nog %n</numerusform>
            <numerusform>%1 en nog %n</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>SendDialog</name>
    <message>
        <source>Opening your mail app…</source>
        <translation>Je mailprogramma wordt geopend…</translation>
    </message>
    <message>
        <source>Type the recipients first.</source>
        <translation>Typ eerst de ontvangers.</translation>
    </message>
    <message>
        <source>Correct the recipients first.</source>
        <translation>Verbeter eerst de ontvangers.</translation>
    </message>
    <message>
        <source>Reading the labels…</source>
        <translation>De labels worden gelezen…</translation>
    </message>
    <message>
        <source>Tick “I have read the conditions” to attach the files with conditions.</source>
        <translation>Vink “Ik heb de voorwaarden gelezen” aan om de bestanden met voorwaarden bij te voegen.</translation>
    </message>
    <message>
        <source>None of these files may go to these recipients.</source>
        <translation>Geen van deze bestanden mag naar deze ontvangers.</translation>
    </message>
    <message numerus="yes">
        <source>%n file(s) will be attached.</source>
        <translation>
            <numerusform>%n bestand wordt bijgevoegd.</numerusform>
            <numerusform>%n bestanden worden bijgevoegd.</numerusform>
        </translation>
    </message>
    <message>
        <source>Done: the e-mail was handed to your mail app.</source>
        <translation>Klaar: de e-mail is aan je mailprogramma doorgegeven.</translation>
    </message>
    <message numerus="yes">
        <source>%1 of %2 files will be attached; %n is left out.</source>
        <translation>
            <numerusform>Bijgevoegd: %1 van de %2 bestanden; %n blijft achterwege.</numerusform>
            <numerusform>Bijgevoegd: %1 van de %2 bestanden; %n blijven achterwege.</numerusform>
        </translation>
    </message>
    <message>
        <source>“%1” is not an e-mail address; an address looks like name@example.com.</source>
        <translation>“%1” is geen e-mailadres; een adres ziet eruit als naam@voorbeeld.be.</translation>
    </message>
    <message numerus="yes">
        <source>%n more are not addresses either.</source>
        <translation>
            <numerusform>Nog %n is ook geen adres.</numerusform>
            <numerusform>Nog %n zijn ook geen adressen.</numerusform>
        </translation>
    </message>
    <message>
        <source>%1: %2</source>
        <translation>%1: %2</translation>
    </message>
    <message>
        <source>Separate several addresses with a comma or a semicolon.</source>
        <translation>Scheid meerdere adressen met een komma of een puntkomma.</translation>
    </message>
    <message>
        <source>Send %1 by e-mail</source>
        <translation>%1 per e-mail versturen</translation>
    </message>
    <message numerus="yes">
        <source>Send %n file(s) by e-mail</source>
        <translation>
            <numerusform>%n bestand per e-mail versturen</numerusform>
            <numerusform>%n bestanden per e-mail versturen</numerusform>
        </translation>
    </message>
    <message>
        <source>in %1</source>
        <translation>in %1</translation>
    </message>
    <message>
        <source>in several folders</source>
        <translation>in meerdere mappen</translation>
    </message>
    <message>
        <source>Your mail app could not be opened: %1</source>
        <translation>Je mailprogramma kon niet worden geopend: %1</translation>
    </message>
    <message>
        <source>Your mail app was not opened: checked again just now, none of the files may go to these recipients.</source>
        <translation>Je mailprogramma is niet geopend: bij een nieuwe controle mag geen van de bestanden naar deze ontvangers.</translation>
    </message>
    <message numerus="yes">
        <source>Your mail app is opening a new e-mail with %n file(s) attached; check it and send it from there.</source>
        <translation>
            <numerusform>Je mailprogramma opent een nieuwe e-mail met %n bijlage; kijk hem na en verstuur hem van daaruit.</numerusform>
            <numerusform>Je mailprogramma opent een nieuwe e-mail met %n bijlagen; kijk hem na en verstuur hem van daaruit.</numerusform>
        </translation>
    </message>
    <message>
        <source>Not attached, as the label does not allow it for these recipients: %1.</source>
        <translation>Niet bijgevoegd, omdat het label het voor deze ontvangers niet toelaat: %1.</translation>
    </message>
    <message>
        <source>Not attached, as it could not be checked: %1.</source>
        <translation>Niet bijgevoegd, omdat het niet gecontroleerd kon worden: %1.</translation>
    </message>
    <message>
        <source>Not attached, as the conditions were not confirmed: %1.</source>
        <translation>Niet bijgevoegd, omdat de voorwaarden niet bevestigd zijn: %1.</translation>
    </message>
    <message>
        <source>Send by e-mail</source>
        <translation>Per e-mail versturen</translation>
    </message>
    <message>
        <source>&amp;To:</source>
        <translation>&amp;Aan:</translation>
    </message>
    <message>
        <source>name@example.com; another@example.org</source>
        <translation>naam@voorbeeld.be; iemand@voorbeeld.nl</translation>
    </message>
    <message>
        <source>Recipients</source>
        <translation>Ontvangers</translation>
    </message>
    <message>
        <source>What the labels allow for these recipients</source>
        <translation>Wat de labels toelaten voor deze ontvangers</translation>
    </message>
    <message>
        <source>I have read the conditions and will follow them</source>
        <translation>Ik heb de voorwaarden gelezen en zal ze volgen</translation>
    </message>
    <message>
        <source>Close</source>
        <translation>Sluiten</translation>
    </message>
    <message>
        <source>Open in mail app</source>
        <translation>Openen in mailprogramma</translation>
    </message>
    <message>
        <source>Opens a new e-mail in your mail app with the files that may go attached; you still check and send it there.</source>
        <translation>Opent een nieuwe e-mail in je mailprogramma met de bestanden die mogen als bijlage; je kijkt hem daar nog na en verstuurt hem zelf.</translation>
    </message>
</context>
<context>
    <name>SharingNotice</name>
    <message>
        <source>Move this copy to the trash</source>
        <translation>Deze kopie naar de prullenbak verplaatsen</translation>
    </message>
    <message numerus="yes">
        <source>Move these %n copies to the trash</source>
        <translation>
            <numerusform>%n kopie naar de prullenbak verplaatsen</numerusform>
            <numerusform>Deze %n kopieën naar de prullenbak verplaatsen</numerusform>
        </translation>
    </message>
    <message>
        <source>Only the copy in %1 goes to the trash; the original stays where it is.</source>
        <translation>Alleen de kopie in %1 gaat naar de prullenbak; het origineel blijft waar het is.</translation>
    </message>
    <message>
        <source>Sharing notice</source>
        <translation>Melding bij het delen</translation>
    </message>
    <message>
        <source>Keep it — I have a reason</source>
        <translation>Houden — ik heb een reden</translation>
    </message>
    <message>
        <source>Keep them — I have a reason</source>
        <translation>Houden — ik heb een reden</translation>
    </message>
    <message>
        <source>Why these copies may stay here, in one line</source>
        <translation>Waarom deze kopieën hier mogen blijven, in één regel</translation>
    </message>
    <message>
        <source>Only the copies in %1 go to the trash; the originals stay where they are.</source>
        <translation>Alleen de kopieën in %1 gaan naar de prullenbak; de originelen blijven waar ze zijn.</translation>
    </message>
    <message>
        <source>Open the collaboration space</source>
        <translation>De samenwerkingsomgeving openen</translation>
    </message>
    <message>
        <source>Close</source>
        <translation>Sluiten</translation>
    </message>
    <message>
        <source>Leave the copy where it is, without a reason</source>
        <translation>De kopie laten staan, zonder reden</translation>
    </message>
    <message>
        <source>&amp;Reason:</source>
        <translation>&amp;Reden:</translation>
    </message>
    <message numerus="yes">
        <source>%1 and %n more</source>
        <translation>
            <numerusform>%1 en nog %n</numerusform>
            <numerusform>%1 en nog %n</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Moved %n copy(s) to the trash: %1. The original(s) are untouched.</source>
        <translation>
            <numerusform>%n kopie naar de prullenbak verplaatst: %1. Het origineel is niet aangeraakt.</numerusform>
            <numerusform>%n kopieën naar de prullenbak verplaatst: %1. De originelen zijn niet aangeraakt.</numerusform>
        </translation>
    </message>
    <message>
        <source>Moved to the trash</source>
        <translation>Naar de prullenbak verplaatst</translation>
    </message>
    <message>
        <source>The collaboration space could not be opened here (no web browser was found); its address is %1</source>
        <translation>De samenwerkingsomgeving kon hier niet geopend worden (er is geen webbrowser gevonden); het adres is %1</translation>
    </message>
    <message>
        <source>Why this copy may stay here, in one line</source>
        <translation>Waarom deze kopie hier mag blijven, in één regel</translation>
    </message>
    <message>
        <source>Keep</source>
        <translation>Houden</translation>
    </message>
    <message>
        <source>“%1” could not be moved to the trash (%2); it is still in %3.</source>
        <translation>“%1” kon niet naar de prullenbak worden verplaatst (%2); het staat nog in %3.</translation>
    </message>
    <message numerus="yes">
        <source>%n copies could not be moved to the trash (%1); they are still where they were.</source>
        <translation>
            <numerusform>%n kopie kon niet naar de prullenbak worden verplaatst (%1); ze staat nog waar ze stond.</numerusform>
            <numerusform>%n kopieën konden niet naar de prullenbak worden verplaatst (%1); ze staan nog waar ze stonden.</numerusform>
        </translation>
    </message>
    <message>
        <source>it is no longer in %1</source>
        <translation>het staat niet meer in %1</translation>
    </message>
    <message>
        <source>it is a folder now</source>
        <translation>het is nu een map</translation>
    </message>
</context>
</TS>
