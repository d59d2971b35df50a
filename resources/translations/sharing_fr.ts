<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="fr">
<context>
    <name>FileRow</name>
    <message>
        <source>Reading the label…</source>
        <translation>Lecture de l’étiquette…</translation>
    </message>
    <message>
        <source>could not be read</source>
        <translation>illisible</translation>
    </message>
    <message>
        <source>counts as %1 — not labelled</source>
        <translation>compte comme %1 — sans étiquette</translation>
    </message>
    <message>
        <source>the file is not there any more.</source>
        <translation>le fichier n’existe plus.</translation>
    </message>
    <message>
        <source>it is a folder, not a file.</source>
        <translation>c’est un dossier, pas un fichier.</translation>
    </message>
    <message>
        <source>Cannot be checked, so it stays out: %1</source>
        <translation>Impossible à vérifier, il reste donc de côté&#xa0;: %1</translation>
    </message>
    <message numerus="yes">
        <source>Allowed for %n recipient(s).</source>
        <translation>
            <numerusform>Autorisé pour ce destinataire.</numerusform>
            <numerusform>Autorisé pour ces %n destinataires.</numerusform>
        </translation>
    </message>
    <message>
        <source>Allowed with conditions: %1</source>
        <translation>Autorisé sous conditions&#xa0;: %1</translation>
    </message>
    <message>
        <source>Attached once you tick “I have read the conditions”.</source>
        <translation>Joint dès que vous cochez « J’ai lu les conditions ».</translation>
    </message>
    <message>
        <source>Too large to attach for %1: %2 KB, over the %3 KB limit.</source>
        <translation>Trop volumineux à joindre pour %1&#xa0;: %2 Ko, au-delà de la limite de %3 Ko.</translation>
    </message>
    <message>
        <source>Not allowed for %1.</source>
        <translation>Non autorisé pour %1.</translation>
    </message>
    <message>
        <source>Why: %1</source>
        <translation>Pourquoi&#xa0;: %1</translation>
    </message>
    <message>
        <source>Instead: %1</source>
        <translation>À la place&#xa0;: %1</translation>
    </message>
    <message numerus="yes">
        <source>%1 and %n more</source>
        <translation>
            <numerusform>%1 et %n autre</numerusform>
            <numerusform>%1 et %n autres</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>SendDialog</name>
    <message>
        <source>Opening your mail app…</source>
        <translation>Ouverture de votre messagerie…</translation>
    </message>
    <message>
        <source>Type the recipients first.</source>
        <translation>Saisissez d’abord les destinataires.</translation>
    </message>
    <message>
        <source>Correct the recipients first.</source>
        <translation>Corrigez d’abord les destinataires.</translation>
    </message>
    <message>
        <source>Reading the labels…</source>
        <translation>Lecture des étiquettes…</translation>
    </message>
    <message>
        <source>Tick “I have read the conditions” to attach the files with conditions.</source>
        <translation>Cochez « J’ai lu les conditions » pour joindre les fichiers soumis à conditions.</translation>
    </message>
    <message>
        <source>None of these files may go to these recipients.</source>
        <translation>Aucun de ces fichiers ne peut être envoyé à ces destinataires.</translation>
    </message>
    <message numerus="yes">
        <source>%n file(s) will be attached.</source>
        <translation>
            <numerusform>%n fichier sera joint.</numerusform>
            <numerusform>%n fichiers seront joints.</numerusform>
        </translation>
    </message>
    <message>
        <source>Done: the e-mail was handed to your mail app.</source>
        <translation>C’est fait&#xa0;: l’e-mail a été transmis à votre messagerie.</translation>
    </message>
    <message numerus="yes">
        <source>%1 of %2 files will be attached; %n is left out.</source>
        <translation>
            <numerusform>Seront joints&#xa0;: %1 fichiers sur %2&#xa0;; %n reste de côté.</numerusform>
            <numerusform>Seront joints&#xa0;: %1 fichiers sur %2&#xa0;; %n restent de côté.</numerusform>
        </translation>
    </message>
    <message>
        <source>“%1” is not an e-mail address; an address looks like name@example.com.</source>
        <translation>« %1 » n’est pas une adresse e-mail&#xa0;; une adresse ressemble à nom@exemple.fr.</translation>
    </message>
    <message numerus="yes">
        <source>%n more are not addresses either.</source>
        <translation>
            <numerusform>%n autre n’est pas non plus une adresse.</numerusform>
            <numerusform>%n autres ne sont pas non plus des adresses.</numerusform>
        </translation>
    </message>
    <message>
        <source>%1: %2</source>
        <translation>%1&#xa0;: %2</translation>
    </message>
    <message>
        <source>Separate several addresses with a comma or a semicolon.</source>
        <translation>Séparez plusieurs adresses par une virgule ou un point-virgule.</translation>
    </message>
    <message>
        <source>Send %1 by e-mail</source>
        <translation>Envoyer %1 par e-mail</translation>
    </message>
    <message numerus="yes">
        <source>Send %n file(s) by e-mail</source>
        <translation>
            <numerusform>Envoyer %n fichier par e-mail</numerusform>
            <numerusform>Envoyer %n fichiers par e-mail</numerusform>
        </translation>
    </message>
    <message>
        <source>in %1</source>
        <translation>dans %1</translation>
    </message>
    <message>
        <source>in several folders</source>
        <translation>dans plusieurs dossiers</translation>
    </message>
    <message>
        <source>Your mail app could not be opened: %1</source>
        <translation>Votre messagerie n’a pas pu être ouverte&#xa0;: %1</translation>
    </message>
    <message>
        <source>Your mail app was not opened: checked again just now, none of the files may go to these recipients.</source>
        <translation>Votre messagerie n’a pas été ouverte&#xa0;: à la nouvelle vérification, aucun des fichiers ne peut être envoyé à ces destinataires.</translation>
    </message>
    <message numerus="yes">
        <source>Your mail app is opening a new e-mail with %n file(s) attached; check it and send it from there.</source>
        <translation>
            <numerusform>Votre messagerie ouvre un nouvel e-mail avec %n pièce jointe&#xa0;; vérifiez-le et envoyez-le depuis celle-ci.</numerusform>
            <numerusform>Votre messagerie ouvre un nouvel e-mail avec %n pièces jointes&#xa0;; vérifiez-le et envoyez-le depuis celle-ci.</numerusform>
        </translation>
    </message>
    <message>
        <source>Not attached, as the label does not allow it for these recipients: %1.</source>
        <translation>Non joint, car l’étiquette ne le permet pas pour ces destinataires&#xa0;: %1.</translation>
    </message>
    <message>
        <source>Not attached, as it could not be checked: %1.</source>
        <translation>Non joint, car il n’a pas pu être vérifié&#xa0;: %1.</translation>
    </message>
    <message>
        <source>Not attached, as the conditions were not confirmed: %1.</source>
        <translation>Non joint, car les conditions n’ont pas été confirmées&#xa0;: %1.</translation>
    </message>
    <message>
        <source>Send by e-mail</source>
        <translation>Envoyer par e-mail</translation>
    </message>
    <message>
        <source>&amp;To:</source>
        <translation>&amp;À&#xa0;:</translation>
    </message>
    <message>
        <source>name@example.com; another@example.org</source>
        <translation>nom@exemple.fr; autre@exemple.org</translation>
    </message>
    <message>
        <source>Recipients</source>
        <translation>Destinataires</translation>
    </message>
    <message>
        <source>What the labels allow for these recipients</source>
        <translation>Ce que les étiquettes permettent pour ces destinataires</translation>
    </message>
    <message>
        <source>I have read the conditions and will follow them</source>
        <translation>J’ai lu les conditions et je les respecterai</translation>
    </message>
    <message>
        <source>Close</source>
        <translation>Fermer</translation>
    </message>
    <message>
        <source>Open in mail app</source>
        <translation>Ouvrir dans la messagerie</translation>
    </message>
    <message>
        <source>Opens a new e-mail in your mail app with the files that may go attached; you still check and send it there.</source>
        <translation>Ouvre un nouvel e-mail dans votre messagerie avec les fichiers autorisés en pièces jointes&#xa0;; vous le vérifiez et l’envoyez vous-même.</translation>
    </message>
</context>
<context>
    <name>SharingNotice</name>
    <message>
        <source>Move this copy to the trash</source>
        <translation>Mettre cette copie à la corbeille</translation>
    </message>
    <message numerus="yes">
        <source>Move these %n copies to the trash</source>
        <translation>
            <numerusform>Mettre %n copie à la corbeille</numerusform>
            <numerusform>Mettre ces %n copies à la corbeille</numerusform>
        </translation>
    </message>
    <message>
        <source>Only the copy in %1 goes to the trash; the original stays where it is.</source>
        <translation>Seule la copie dans %1 va à la corbeille&#xa0;; l’original reste où il est.</translation>
    </message>
    <message>
        <source>Sharing notice</source>
        <translation>Avis de partage</translation>
    </message>
    <message>
        <source>Keep it — I have a reason</source>
        <translation>La garder — j’ai une raison</translation>
    </message>
    <message>
        <source>Keep them — I have a reason</source>
        <translation>Les garder — j’ai une raison</translation>
    </message>
    <message>
        <source>Why these copies may stay here, in one line</source>
        <translation>Pourquoi ces copies peuvent rester ici, en une ligne</translation>
    </message>
    <message>
        <source>Only the copies in %1 go to the trash; the originals stay where they are.</source>
        <translation>Seules les copies dans %1 vont à la corbeille&#xa0;; les originaux restent où ils sont.</translation>
    </message>
    <message>
        <source>Open the collaboration space</source>
        <translation>Ouvrir l’espace collaboratif</translation>
    </message>
    <message>
        <source>Close</source>
        <translation>Fermer</translation>
    </message>
    <message>
        <source>Leave the copy where it is, without a reason</source>
        <translation>Laisser la copie où elle est, sans raison</translation>
    </message>
    <message>
        <source>&amp;Reason:</source>
        <translation>&amp;Raison&#xa0;:</translation>
    </message>
    <message numerus="yes">
        <source>%1 and %n more</source>
        <translation>
            <numerusform>%1 et %n autre</numerusform>
            <numerusform>%1 et %n autres</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Moved %n copy(s) to the trash: %1. The original(s) are untouched.</source>
        <translation>
            <numerusform>%n copie mise à la corbeille&#xa0;: %1. L’original n’a pas été touché.</numerusform>
            <numerusform>%n copies mises à la corbeille&#xa0;: %1. Les originaux n’ont pas été touchés.</numerusform>
        </translation>
    </message>
    <message>
        <source>Moved to the trash</source>
        <translation>Mis à la corbeille</translation>
    </message>
    <message>
        <source>The collaboration space could not be opened here (no web browser was found); its address is %1</source>
        <translation>L’espace collaboratif n’a pas pu être ouvert ici (aucun navigateur web n’a été trouvé)&#xa0;; son adresse est %1</translation>
    </message>
    <message>
        <source>Why this copy may stay here, in one line</source>
        <translation>Pourquoi cette copie peut rester ici, en une ligne</translation>
    </message>
    <message>
        <source>Keep</source>
        <translation>Garder</translation>
    </message>
    <message>
        <source>“%1” could not be moved to the trash (%2); it is still in %3.</source>
        <translation>« %1 » n’a pas pu être mis à la corbeille (%2)&#xa0;; il se trouve toujours dans %3.</translation>
    </message>
    <message numerus="yes">
        <source>%n copies could not be moved to the trash (%1); they are still where they were.</source>
        <translation>
            <numerusform>%n copie n’a pas pu être mise à la corbeille (%1)&#xa0;; elle est toujours là où elle était.</numerusform>
            <numerusform>%n copies n’ont pas pu être mises à la corbeille (%1)&#xa0;; elles sont toujours là où elles étaient.</numerusform>
        </translation>
    </message>
    <message>
        <source>it is no longer in %1</source>
        <translation>il n’est plus dans %1</translation>
    </message>
    <message>
        <source>it is a folder now</source>
        <translation>c’est maintenant un dossier</translation>
    </message>
</context>
</TS>
