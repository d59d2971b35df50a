<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="fr_FR">
<context>
    <name>LabelDialogController</name>
    <message>
        <source>Working…</source>
        <translation>En cours…</translation>
    </message>
    <message>
        <source>Reading the current labels…</source>
        <translation>Lecture des étiquettes actuelles…</translation>
    </message>
    <message>
        <source>Choose a label first.</source>
        <translation>Choisissez d&apos;abord une étiquette.</translation>
    </message>
    <message>
        <source>There is no label to remove.</source>
        <translation>Il n&apos;y a aucune étiquette à retirer.</translation>
    </message>
    <message>
        <source>This file is already labelled %1.</source>
        <translation>Ce fichier porte déjà l&apos;étiquette %1.</translation>
    </message>
    <message>
        <source>These files are already labelled %1.</source>
        <translation>Ces fichiers portent déjà l&apos;étiquette %1.</translation>
    </message>
    <message>
        <source>Removing %1 needs a reason: type it above.</source>
        <translation>Retirer %1 demande une justification : saisissez-la ci-dessus.</translation>
    </message>
    <message>
        <source>Lowering %1 to %2 needs a reason: type it above.</source>
        <translation>Abaisser %1 à %2 demande une justification : saisissez-la ci-dessus.</translation>
    </message>
    <message>
        <source>Stopping after the current file…</source>
        <translation>Arrêt après le fichier en cours…</translation>
    </message>
    <message>
        <source>Label documents</source>
        <translation>Étiqueter des documents</translation>
    </message>
    <message>
        <source>Label document</source>
        <translation>Étiqueter le document</translation>
    </message>
    <message>
        <source>Choose a label</source>
        <translation>Choisissez une étiquette</translation>
    </message>
    <message>
        <source>What this means for sharing</source>
        <translation>Ce que cela implique pour le partage</translation>
    </message>
    <message>
        <source>Select</source>
        <translation>Choisir</translation>
    </message>
    <message>
        <source>Highlights the recommended label; nothing is applied until you confirm.</source>
        <translation>Met en évidence l&apos;étiquette recommandée ; rien n&apos;est appliqué avant votre confirmation.</translation>
    </message>
    <message>
        <source>A short reason, kept in the audit log</source>
        <translation>Une courte justification, conservée dans le journal d&apos;audit</translation>
    </message>
    <message>
        <source>Remove label</source>
        <translation>Retirer l&apos;étiquette</translation>
    </message>
    <message>
        <source>Take our label off the file(s); other tools&apos; labels stay.</source>
        <translation>Retire notre étiquette du ou des fichiers ; les étiquettes d&apos;autres outils sont conservées.</translation>
    </message>
    <message>
        <source>Labelling files…</source>
        <translation>Étiquetage des fichiers…</translation>
    </message>
    <message>
        <source>Microsoft label: %1</source>
        <translation>Étiquette Microsoft : %1</translation>
    </message>
    <message>
        <source>LibreOffice (TSCP) classification: %1</source>
        <translation>Classification LibreOffice (TSCP) : %1</translation>
    </message>
    <message>
        <source>Titus label: %1</source>
        <translation>Étiquette Titus : %1</translation>
    </message>
    <message>
        <source>Boldon James label: %1</source>
        <translation>Étiquette Boldon James : %1</translation>
    </message>
    <message>
        <source>Other label: %1</source>
        <translation>Autre étiquette : %1</translation>
    </message>
    <message numerus="yes">
        <source>%n file(s)</source>
        <translation>
            <numerusform>%n fichier</numerusform>
            <numerusform>%n fichiers</numerusform>
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
        <source>Checking the content for sensitive information…</source>
        <translation>Recherche d&apos;informations sensibles dans le contenu…</translation>
    </message>
    <message>
        <source>No sensitive content found.</source>
        <translation>Aucun contenu sensible trouvé.</translation>
    </message>
    <message>
        <source>Reading the current label…</source>
        <translation>Lecture de l&apos;étiquette actuelle…</translation>
    </message>
    <message>
        <source>The current label cannot be read: %1</source>
        <translation>L&apos;étiquette actuelle ne peut pas être lue : %1</translation>
    </message>
    <message>
        <source>Current label: %1</source>
        <translation>Étiquette actuelle : %1</translation>
    </message>
    <message>
        <source>(recognised from another tool&apos;s label)</source>
        <translation>(reconnue d&apos;après l&apos;étiquette d&apos;un autre outil)</translation>
    </message>
    <message>
        <source>Current label: %1 (not in this scheme)</source>
        <translation>Étiquette actuelle : %1 (absente de ce schéma)</translation>
    </message>
    <message>
        <source>No label yet</source>
        <translation>Pas encore d&apos;étiquette</translation>
    </message>
    <message>
        <source>reading…</source>
        <translation>lecture…</translation>
    </message>
    <message>
        <source>cannot be read</source>
        <translation>illisible</translation>
    </message>
    <message>
        <source>no label</source>
        <translation>sans étiquette</translation>
    </message>
    <message>
        <source>Current labels: %1</source>
        <translation>Étiquettes actuelles : %1</translation>
    </message>
    <message>
        <source>current</source>
        <translation>actuelle</translation>
    </message>
    <message>
        <source>current for some</source>
        <translation>actuelle pour certains</translation>
    </message>
    <message>
        <source>recommended</source>
        <translation>recommandée</translation>
    </message>
    <message>
        <source>Found in this document:</source>
        <translation>Trouvé dans ce document :</translation>
    </message>
    <message>
        <source>Found in these documents:</source>
        <translation>Trouvé dans ces documents :</translation>
    </message>
    <message>
        <source>Recommended: %1</source>
        <translation>Recommandée : %1</translation>
    </message>
    <message>
        <source>If you remove the label</source>
        <translation>Si vous retirez l&apos;étiquette</translation>
    </message>
    <message>
        <source>The document will no longer say how it may be shared. Labels written by other tools stay as they are.</source>
        <translation>Le document n&apos;indiquera plus comment il peut être partagé. Les étiquettes écrites par d&apos;autres outils restent telles quelles.</translation>
    </message>
    <message>
        <source>Choose a label to see what it means</source>
        <translation>Choisissez une étiquette pour voir ce qu&apos;elle implique</translation>
    </message>
    <message>
        <source>If you choose %1</source>
        <translation>Si vous choisissez %1</translation>
    </message>
    <message>
        <source>a header: “%1”</source>
        <translation>un en-tête : « %1 »</translation>
    </message>
    <message>
        <source>a footer: “%1”</source>
        <translation>un pied de page : « %1 »</translation>
    </message>
    <message>
        <source>a watermark: “%1”</source>
        <translation>un filigrane : « %1 »</translation>
    </message>
    <message>
        <source>Adds %1.</source>
        <translation>Ajoute %1.</translation>
    </message>
    <message numerus="yes">
        <source>%n file(s) can only be labelled beside the content: the label does not travel with copies or e-mail, and no marking is drawn.</source>
        <translation>
            <numerusform>%n fichier ne peut être étiqueté qu’à côté de son contenu : l’étiquette ne suit pas les copies ni les e-mails, et aucun marquage n’est dessiné.</numerusform>
            <numerusform>%n fichiers ne peuvent être étiquetés qu’à côté de leur contenu : l’étiquette ne suit pas les copies ni les e-mails, et aucun marquage n’est dessiné.</numerusform>
        </translation>
    </message>
    <message>
        <source>Instead: %1</source>
        <translation>À la place : %1</translation>
    </message>
    <message>
        <source>Why are you removing %1? The scheme asks for a reason.</source>
        <translation>Pourquoi retirez-vous %1 ? Le schéma demande une justification.</translation>
    </message>
    <message>
        <source>Why are you lowering %1 to %2? The scheme asks for a reason.</source>
        <translation>Pourquoi abaissez-vous %1 à %2 ? Le schéma demande une justification.</translation>
    </message>
    <message>
        <source>Close</source>
        <translation>Fermer</translation>
    </message>
    <message>
        <source>Apply</source>
        <translation>Appliquer</translation>
    </message>
    <message numerus="yes">
        <source>Apply to %n file(s)</source>
        <translation>
            <numerusform>Appliquer à %n fichier</numerusform>
            <numerusform>Appliquer à %n fichiers</numerusform>
        </translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>Annuler</translation>
    </message>
    <message>
        <source>%1 of %2</source>
        <translation>%1 sur %2</translation>
    </message>
    <message>
        <source>%1 is now labelled %2.</source>
        <translation>%1 porte maintenant l&apos;étiquette %2.</translation>
    </message>
    <message>
        <source>The label was removed from %1.</source>
        <translation>L&apos;étiquette a été retirée de %1.</translation>
    </message>
    <message>
        <source>%1 already carried %2; nothing was changed.</source>
        <translation>%1 portait déjà l&apos;étiquette %2 ; rien n&apos;a été modifié.</translation>
    </message>
    <message>
        <source>%1 had no label to remove; nothing was changed.</source>
        <translation>%1 n&apos;avait aucune étiquette à retirer ; rien n&apos;a été modifié.</translation>
    </message>
    <message>
        <source>%1 was not changed.</source>
        <translation>%1 n&apos;a pas été modifié.</translation>
    </message>
    <message numerus="yes">
        <source>%1 of %n file(s) labelled %2.</source>
        <translation>
            <numerusform>%1 fichier sur %n étiqueté %2.</numerusform>
            <numerusform>%1 fichiers sur %n étiquetés %2.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Label removed from %1 of %n file(s).</source>
        <translation>
            <numerusform>Étiquette retirée de %1 fichier sur %n.</numerusform>
            <numerusform>Étiquette retirée de %1 fichiers sur %n.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n file(s) already had it and were not changed.</source>
        <translation>
            <numerusform>%n fichier l&apos;avait déjà et n&apos;a pas été modifié.</numerusform>
            <numerusform>%n fichiers l&apos;avaient déjà et n&apos;ont pas été modifiés.</numerusform>
        </translation>
    </message>
    <message>
        <source>not processed (cancelled)</source>
        <translation>non traité (annulé)</translation>
    </message>
    <message numerus="yes">
        <source>%n file(s) left as they were:</source>
        <translation>
            <numerusform>%n fichier laissé tel quel :</numerusform>
            <numerusform>%n fichiers laissés tels quels :</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>VerdictMark</name>
    <message>
        <source>Allowed</source>
        <translation>Autorisé</translation>
    </message>
    <message>
        <source>With conditions</source>
        <translation>Sous conditions</translation>
    </message>
    <message>
        <source>Not allowed</source>
        <translation>Interdit</translation>
    </message>
</context>
</TS>
