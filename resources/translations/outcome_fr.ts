<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="fr_FR">
<context>
    <name>OutcomeText</name>
    <message>
        <source>%1 is password-protected; its label cannot be read or changed without the password.</source>
        <translation>%1 est protégé par un mot de passe ; son étiquette ne peut être ni lue ni modifiée sans le mot de passe.</translation>
    </message>
    <message>
        <source>%1 is damaged or is not the kind of file its name says; it was left as it was.</source>
        <translation>%1 est endommagé ou n&apos;est pas le type de fichier qu&apos;indique son nom ; il a été laissé tel quel.</translation>
    </message>
    <message>
        <source>%1 is in a format that cannot be labelled; it was left as it was.</source>
        <translation>%1 est dans un format qui ne peut pas recevoir d&apos;étiquette ; il a été laissé tel quel.</translation>
    </message>
    <message>
        <source>%1 is a folder or a special file, not a document.</source>
        <translation>%1 est un dossier ou un fichier spécial, pas un document.</translation>
    </message>
    <message>
        <source>You are not allowed to change %1.</source>
        <translation>Vous n&apos;êtes pas autorisé à modifier %1.</translation>
    </message>
    <message>
        <source>%1 is read-only; it was left as it was.</source>
        <translation>%1 est en lecture seule ; il a été laissé tel quel.</translation>
    </message>
    <message>
        <source>%1 is open in another program; close it there and try again.</source>
        <translation>%1 est ouvert dans un autre programme ; fermez-le et réessayez.</translation>
    </message>
    <message>
        <source>%1 no longer exists (it was moved or deleted).</source>
        <translation>%1 n&apos;existe plus (il a été déplacé ou supprimé).</translation>
    </message>
    <message>
        <source>%1 was changed by another program while it was being labelled; nothing was written. Try again.</source>
        <translation>%1 a été modifié par un autre programme pendant l&apos;étiquetage ; rien n&apos;a été écrit. Réessayez.</translation>
    </message>
    <message>
        <source>%1 contains suspicious metadata; it was left alone as a precaution.</source>
        <translation>%1 contient des métadonnées suspectes ; il a été laissé intact par précaution.</translation>
    </message>
    <message>
        <source>%1 has metadata far larger than normal; it was left alone.</source>
        <translation>%1 a des métadonnées bien plus volumineuses que la normale ; il a été laissé intact.</translation>
    </message>
    <message>
        <source>%1 is on a drive that cannot store labels beside files.</source>
        <translation>%1 se trouve sur un disque qui ne peut pas conserver d&apos;étiquettes à côté des fichiers.</translation>
    </message>
    <message>
        <source>The disk is full; %1 was left as it was.</source>
        <translation>Le disque est plein ; %1 a été laissé tel quel.</translation>
    </message>
    <message>
        <source>%1 could not be accessed; it was left as it was.</source>
        <translation>%1 n&apos;a pas pu être ouvert ; il a été laissé tel quel.</translation>
    </message>
    <message>
        <source>Lowering or removing the label of %1 needs a justification; it was left as it was.</source>
        <translation>Abaisser ou retirer l&apos;étiquette de %1 demande une justification ; il a été laissé tel quel.</translation>
    </message>
    <message>
        <source>%1 could not be processed because of an unexpected problem; it was left as it was.</source>
        <translation>%1 n&apos;a pas pu être traité à cause d&apos;un problème inattendu ; il a été laissé tel quel.</translation>
    </message>
    <message>
        <source>%1 has other names (hard links) that would keep the old content, so it was left as it was.</source>
        <translation>%1 a d’autres noms (liens physiques) qui garderaient l’ancien contenu ; il a donc été laissé tel quel.</translation>
    </message>
    <message>
        <source>%1 belongs to another user or group, and labelling it would change its owner, so it was left as it was.</source>
        <translation>%1 appartient à un autre utilisateur ou groupe et l’étiqueter changerait son propriétaire ; il a donc été laissé tel quel.</translation>
    </message>
    <message>
        <source>%1 was not labelled because the audit log could not record the change; it was left as it was.</source>
        <translation>%1 n’a pas été étiqueté car le journal d’audit n’a pas pu enregistrer la modification ; il a été laissé tel quel.</translation>
    </message>
</context>
</TS>
