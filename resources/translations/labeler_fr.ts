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
        <source>This file cannot be labelled: %1</source>
        <translation>Ce fichier ne peut pas recevoir d&apos;étiquette : %1</translation>
    </message>
    <message>
        <source>None of these files can be labelled.</source>
        <translation>Aucun de ces fichiers ne peut recevoir d&apos;étiquette.</translation>
    </message>
    <message>
        <source>Every file is left out: tick the files to label.</source>
        <translation>Tous les fichiers sont exclus : cochez les fichiers à étiqueter.</translation>
    </message>
    <message>
        <source>Choose a label first.</source>
        <translation>Choisissez d&apos;abord une étiquette.</translation>
    </message>
    <message>
        <source>Choose a label below, or one for each group above.</source>
        <translation>Choisissez une étiquette ci-dessous, ou une par groupe ci-dessus.</translation>
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
        <source>These files already carry the labels chosen for them.</source>
        <translation>Ces fichiers portent déjà les étiquettes choisies pour eux.</translation>
    </message>
    <message>
        <source>A lower label than recommended needs a reason: type it above.</source>
        <translation>Une étiquette plus basse que celle recommandée demande une justification : saisissez-la ci-dessus.</translation>
    </message>
    <message>
        <source>Removing %1 needs a reason: type it above.</source>
        <translation>Retirer %1 demande une justification : saisissez-la ci-dessus.</translation>
    </message>
    <message>
        <source>Lowering %1 needs a reason: type it above.</source>
        <translation>Abaisser %1 demande une justification : saisissez-la ci-dessus.</translation>
    </message>
    <message>
        <source>Lowering %1 to %2 needs a reason: type it above.</source>
        <translation>Abaisser %1 à %2 demande une justification : saisissez-la ci-dessus.</translation>
    </message>
    <message>
        <source>Use the recommendations</source>
        <translation>Suivre les recommandations</translation>
    </message>
    <message>
        <source>Gives each group of files its own recommended label; nothing is applied until you confirm.</source>
        <translation>Donne à chaque groupe de fichiers l&apos;étiquette qui lui est recommandée ; rien n&apos;est appliqué avant votre confirmation.</translation>
    </message>
    <message>
        <source>Chooses the recommended label; nothing is applied until you confirm.</source>
        <translation>Choisit l&apos;étiquette recommandée ; rien n&apos;est appliqué avant votre confirmation.</translation>
    </message>
    <message>
        <source>One line, kept in the audit log</source>
        <translation>Une ligne, conservée dans le journal d&apos;audit</translation>
    </message>
    <message>
        <source>File</source>
        <translation>Fichier</translation>
    </message>
    <message>
        <source>Current label</source>
        <translation>Étiquette actuelle</translation>
    </message>
    <message>
        <source>Found in the content</source>
        <translation>Trouvé dans le contenu</translation>
    </message>
    <message>
        <source>Will be labelled</source>
        <translation>Recevra l&apos;étiquette</translation>
    </message>
    <message numerus="yes">
        <source>Nothing sensitive found (%n file(s))</source>
        <translation>
            <numerusform>Rien de sensible trouvé (%n fichier)</numerusform>
            <numerusform>Rien de sensible trouvé (%n fichiers)</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Content not checked (%n file(s))</source>
        <translation>
            <numerusform>Contenu non vérifié (%n fichier)</numerusform>
            <numerusform>Contenu non vérifié (%n fichiers)</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Checking the content… (%n file(s))</source>
        <translation>
            <numerusform>Vérification du contenu… (%n fichier)</numerusform>
            <numerusform>Vérification du contenu… (%n fichiers)</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Cannot be labelled (%n file(s))</source>
        <translation>
            <numerusform>Ne peut pas être étiqueté (%n fichier)</numerusform>
            <numerusform>Ne peuvent pas être étiquetés (%n fichiers)</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Recommended: %1 (%n file(s))</source>
        <translation>
            <numerusform>Recommandée : %1 (%n fichier)</numerusform>
            <numerusform>Recommandée : %1 (%n fichiers)</numerusform>
        </translation>
    </message>
    <message>
        <source>As chosen below: %1</source>
        <translation>Comme choisi ci-dessous : %1</translation>
    </message>
    <message>
        <source>As chosen below</source>
        <translation>Comme choisi ci-dessous</translation>
    </message>
    <message>
        <source>The label for the files of this group</source>
        <translation>L&apos;étiquette des fichiers de ce groupe</translation>
    </message>
    <message>
        <source>left out</source>
        <translation>exclu</translation>
    </message>
    <message>
        <source>(below the recommendation)</source>
        <translation>(en dessous de la recommandation)</translation>
    </message>
    <message>
        <source>no label (removed)</source>
        <translation>sans étiquette (retirée)</translation>
    </message>
    <message>
        <source>cannot be labelled</source>
        <translation>ne peut pas être étiqueté</translation>
    </message>
    <message>
        <source>not checked</source>
        <translation>non vérifié</translation>
    </message>
    <message>
        <source>checking…</source>
        <translation>vérification…</translation>
    </message>
    <message>
        <source>could not be checked</source>
        <translation>n&apos;a pas pu être vérifié</translation>
    </message>
    <message>
        <source>nothing found</source>
        <translation>rien trouvé</translation>
    </message>
    <message numerus="yes">
        <source>Found in %1 of %n document(s):</source>
        <translation>
            <numerusform>Trouvé dans %1 sur %n document :</numerusform>
            <numerusform>Trouvé dans %1 sur %n documents :</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%1 for %n file(s)</source>
        <translation>
            <numerusform>%1 pour %n fichier</numerusform>
            <numerusform>%1 pour %n fichiers</numerusform>
        </translation>
    </message>
    <message>
        <source>Why are you lowering %1? The scheme asks for a reason.</source>
        <translation>Pourquoi abaissez-vous %1 ? Le schéma demande une justification.</translation>
    </message>
    <message>
        <source>The content suggests %1. Why is removing the label enough?</source>
        <translation>Le contenu suggère %1. Pourquoi retirer l&apos;étiquette suffit-il ?</translation>
    </message>
    <message>
        <source>The content suggests %1. Why is %2 enough?</source>
        <translation>Le contenu suggère %1. Pourquoi %2 suffit-il ?</translation>
    </message>
    <message numerus="yes">
        <source>%n file(s) would get a lower label than recommended. Why is that enough?</source>
        <translation>
            <numerusform>%n fichier recevrait une étiquette plus basse que celle recommandée. Pourquoi est-ce suffisant ?</numerusform>
            <numerusform>%n fichiers recevraient une étiquette plus basse que celle recommandée. Pourquoi est-ce suffisant ?</numerusform>
        </translation>
    </message>
    <message>
        <source>One line; the audit log keeps it with the recommendation.</source>
        <translation>Une ligne ; le journal d&apos;audit la conserve avec la recommandation.</translation>
    </message>
    <message numerus="yes">
        <source>Apply to %1 of %n file(s)</source>
        <translation>
            <numerusform>Appliquer à %1 sur %n fichier</numerusform>
            <numerusform>Appliquer à %1 sur %n fichiers</numerusform>
        </translation>
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
        <source>%1 of %n file(s) labelled.</source>
        <translation>
            <numerusform>Étiquetés : %1 sur %n fichier.</numerusform>
            <numerusform>Étiquetés : %1 sur %n fichiers.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n file(s) already had it and were not changed.</source>
        <translation>
            <numerusform>%n fichier l&apos;avait déjà et n&apos;a pas été modifié.</numerusform>
            <numerusform>%n fichiers l&apos;avaient déjà et n&apos;ont pas été modifiés.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n file(s) left out, as you chose.</source>
        <translation>
            <numerusform>%n fichier exclu, comme vous l&apos;avez choisi.</numerusform>
            <numerusform>%n fichiers exclus, comme vous l&apos;avez choisi.</numerusform>
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
    <name>QAbstractFileIconProvider</name>
    <message>
        <source>Folder</source>
        <translation>Dossier</translation>
    </message>
    <message>
        <source>File</source>
        <translation>Fichier</translation>
    </message>
    <message>
        <source>Drive</source>
        <translation>Lecteur</translation>
    </message>
</context>
<context>
    <name>QFileDialog</name>
    <message>
        <source>&amp;Look in:</source>
        <translation>&amp;Voir dans :</translation>
    </message>
    <message>
        <source>Files of &amp;type:</source>
        <translation>Fichiers de &amp;type :</translation>
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
