<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="nl_NL">
<context>
    <name>OutcomeText</name>
    <message>
        <source>%1 is password-protected; its label cannot be read or changed without the password.</source>
        <translation>%1 is met een wachtwoord beveiligd; het label kan zonder het wachtwoord niet gelezen of gewijzigd worden.</translation>
    </message>
    <message>
        <source>%1 is damaged or is not the kind of file its name says; it was left as it was.</source>
        <translation>%1 is beschadigd of is niet het soort bestand dat de naam doet vermoeden; het bestand is ongewijzigd gelaten.</translation>
    </message>
    <message>
        <source>%1 is in a format that cannot be labelled; it was left as it was.</source>
        <translation>%1 heeft een indeling die geen label kan krijgen; het bestand is ongewijzigd gelaten.</translation>
    </message>
    <message>
        <source>%1 is a folder or a special file, not a document.</source>
        <translation>%1 is een map of een speciaal bestand, geen document.</translation>
    </message>
    <message>
        <source>You are not allowed to change %1.</source>
        <translation>Je mag %1 niet wijzigen.</translation>
    </message>
    <message>
        <source>%1 is read-only; it was left as it was.</source>
        <translation>%1 is alleen-lezen; het bestand is ongewijzigd gelaten.</translation>
    </message>
    <message>
        <source>%1 is open in another program; close it there and try again.</source>
        <translation>%1 is geopend in een ander programma; sluit het daar en probeer het opnieuw.</translation>
    </message>
    <message>
        <source>%1 no longer exists (it was moved or deleted).</source>
        <translation>%1 bestaat niet meer (het is verplaatst of verwijderd).</translation>
    </message>
    <message>
        <source>%1 was changed by another program while it was being labelled; nothing was written. Try again.</source>
        <translation>%1 is door een ander programma gewijzigd tijdens het labelen; er is niets weggeschreven. Probeer het opnieuw.</translation>
    </message>
    <message>
        <source>%1 contains suspicious metadata; it was left alone as a precaution.</source>
        <translation>%1 bevat verdachte metagegevens; het bestand is uit voorzorg ongemoeid gelaten.</translation>
    </message>
    <message>
        <source>%1 has metadata far larger than normal; it was left alone.</source>
        <translation>%1 heeft veel grotere metagegevens dan normaal; het bestand is ongemoeid gelaten.</translation>
    </message>
    <message>
        <source>%1 is on a drive that cannot store labels beside files.</source>
        <translation>%1 staat op een schijf die geen labels naast bestanden kan bewaren.</translation>
    </message>
    <message>
        <source>The disk is full; %1 was left as it was.</source>
        <translation>De schijf is vol; %1 is ongewijzigd gelaten.</translation>
    </message>
    <message>
        <source>%1 could not be accessed; it was left as it was.</source>
        <translation>%1 kon niet geopend worden; het bestand is ongewijzigd gelaten.</translation>
    </message>
    <message>
        <source>Lowering or removing the label of %1 needs a justification; it was left as it was.</source>
        <translation>Het label van %1 verlagen of verwijderen vraagt een motivering; het bestand is ongewijzigd gelaten.</translation>
    </message>
    <message>
        <source>%1 could not be processed because of an unexpected problem; it was left as it was.</source>
        <translation>%1 kon door een onverwacht probleem niet verwerkt worden; het bestand is ongewijzigd gelaten.</translation>
    </message>
    <message>
        <source>%1 has other names (hard links) that would keep the old content, so it was left as it was.</source>
        <translation>%1 heeft andere namen (harde koppelingen) die de oude inhoud zouden houden, dus is het ongewijzigd gelaten.</translation>
    </message>
    <message>
        <source>%1 belongs to another user or group, and labelling it would change its owner, so it was left as it was.</source>
        <translation>%1 is van een andere gebruiker of groep en labelen zou de eigenaar veranderen, dus is het ongewijzigd gelaten.</translation>
    </message>
    <message>
        <source>%1 was not labelled because the audit log could not record the change; it was left as it was.</source>
        <translation>%1 is niet gelabeld omdat het auditlogboek de wijziging niet kon vastleggen; het is ongewijzigd gelaten.</translation>
    </message>
</context>
</TS>
