<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="fr">
<context>
    <name>AwarenessPage</name>
    <message>
        <source>Reading your labelling history…</source>
        <translation>Lecture de votre historique d&apos;étiquetage…</translation>
    </message>
    <message>
        <source>Scheme “%1”, version %2. Point at a cell, or move to it with the arrow keys, to read why and what to do instead.</source>
        <translation>Schéma « %1 », version %2. Pointez une case, ou allez-y avec les flèches, pour lire pourquoi et que faire à la place.</translation>
    </message>
    <message>
        <source>Your labelling history could not be read: %1</source>
        <translation>Votre historique d&apos;étiquetage n&apos;a pas pu être lu : %1</translation>
    </message>
    <message>
        <source>Labels you applied per day</source>
        <translation>Étiquettes appliquées par jour</translation>
    </message>
    <message>
        <source>Labels you applied per week</source>
        <translation>Étiquettes appliquées par semaine</translation>
    </message>
    <message numerus="yes">
        <source>In the last %n day(s) you applied </source>
        <translation>
            <numerusform>Au cours du dernier jour, vous avez appliqué </numerusform>
            <numerusform>Au cours des %n derniers jours, vous avez appliqué </numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>In the last %n week(s) you applied </source>
        <translation>
            <numerusform>Au cours de la dernière semaine, vous avez appliqué </numerusform>
            <numerusform>Au cours des %n dernières semaines, vous avez appliqué </numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n label(s).</source>
        <translation>
            <numerusform>%n étiquette.</numerusform>
            <numerusform>%n étiquettes.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n of your documents carry a label now.</source>
        <translation>
            <numerusform>%n de vos documents porte maintenant une étiquette.</numerusform>
            <numerusform>%n de vos documents portent maintenant une étiquette.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>You lowered or removed a label with a reason %n time(s).</source>
        <translation>
            <numerusform>Vous avez abaissé ou retiré une étiquette avec une justification %n fois.</numerusform>
            <numerusform>Vous avez abaissé ou retiré une étiquette avec une justification %n fois.</numerusform>
        </translation>
    </message>
    <message>
        <source>How you chose: %1 yourself, %2 as recommended, %3 the default label.</source>
        <translation>Comment vous avez choisi : %1 fois vous-même, %2 fois la recommandation, %3 fois l&apos;étiquette par défaut.</translation>
    </message>
    <message>
        <source>Your labelling</source>
        <translation>Votre étiquetage</translation>
    </message>
    <message>
        <source>Refresh</source>
        <translation>Actualiser</translation>
    </message>
    <message>
        <source>Read the audit log again</source>
        <translation>Relire le journal d&apos;audit</translation>
    </message>
    <message>
        <source>Your documents by label</source>
        <translation>Vos documents par étiquette</translation>
    </message>
    <message>
        <source>What each label allows</source>
        <translation>Ce que chaque étiquette autorise</translation>
    </message>
</context>
<context>
    <name>DistributionChart</name>
    <message>
        <source>%1%</source>
        <translation>%1 %</translation>
    </message>
    <message numerus="yes">
        <source>%1: %n document(s), %2</source>
        <translation>
            <numerusform>%1 : %n document, %2</numerusform>
            <numerusform>%1 : %n documents, %2</numerusform>
        </translation>
    </message>
    <message>
        <source>You haven&apos;t labelled anything yet — labels you apply will show up here.</source>
        <translation>Vous n&apos;avez encore rien étiqueté — les étiquettes que vous appliquez apparaîtront ici.</translation>
    </message>
    <message numerus="yes">
        <source>Your documents by their current label, %n in total</source>
        <translation>
            <numerusform>Vos documents selon leur étiquette actuelle, %n au total</numerusform>
            <numerusform>Vos documents selon leur étiquette actuelle, %n au total</numerusform>
        </translation>
    </message>
    <message>
        <source>Your documents by label</source>
        <translation>Vos documents par étiquette</translation>
    </message>
</context>
<context>
    <name>HistoryModel</name>
    <message>
        <source>Time</source>
        <translation>Heure</translation>
    </message>
    <message>
        <source>Change</source>
        <translation>Modification</translation>
    </message>
    <message>
        <source>Label</source>
        <translation>Étiquette</translation>
    </message>
    <message>
        <source>File</source>
        <translation>Fichier</translation>
    </message>
    <message>
        <source>How chosen</source>
        <translation>Mode de choix</translation>
    </message>
    <message>
        <source>Justification</source>
        <translation>Justification</translation>
    </message>
    <message>
        <source>Removed</source>
        <translation>Retirée</translation>
    </message>
    <message>
        <source>Changed</source>
        <translation>Modifiée</translation>
    </message>
    <message>
        <source>Labelled</source>
        <translation>Étiquetée</translation>
    </message>
    <message>
        <source>By you</source>
        <translation>Par vous</translation>
    </message>
    <message>
        <source>Recommended</source>
        <translation>Recommandée</translation>
    </message>
    <message>
        <source>Default label</source>
        <translation>Étiquette par défaut</translation>
    </message>
    <message>
        <source>Put back</source>
        <translation>Rétablie</translation>
    </message>
    <message>
        <source>Below the recommended %1</source>
        <translation>En dessous de l’étiquette recommandée (%1)</translation>
    </message>
    <message>
        <source>Below the recommended %1: %2</source>
        <translation>En dessous de l’étiquette recommandée (%1) : %2</translation>
    </message>
    <message>
        <source>no label</source>
        <translation>aucune étiquette</translation>
    </message>
</context>
<context>
    <name>HistoryPage</name>
    <message>
        <source>Reading the audit log…</source>
        <translation>Lecture du journal d&apos;audit…</translation>
    </message>
    <message>
        <source>The audit log could not be read: %1</source>
        <translation>Le journal d&apos;audit n&apos;a pas pu être lu : %1</translation>
    </message>
    <message numerus="yes">
        <source>%n change(s)</source>
        <translation>
            <numerusform>%n modification</numerusform>
            <numerusform>%n modifications</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%1 of %n change(s)</source>
        <translation>
            <numerusform>%1 sur %n modification</numerusform>
            <numerusform>%1 sur %n modifications</numerusform>
        </translation>
    </message>
    <message>
        <source>Your label history</source>
        <translation>Votre historique d&apos;étiquettes</translation>
    </message>
    <message>
        <source>Refresh</source>
        <translation>Actualiser</translation>
    </message>
    <message>
        <source>Read and check the audit log again</source>
        <translation>Relire et vérifier le journal d&apos;audit</translation>
    </message>
    <message>
        <source>&amp;Filter:</source>
        <translation>&amp;Filtrer :</translation>
    </message>
    <message>
        <source>File, label, how chosen or justification</source>
        <translation>Fichier, étiquette, mode de choix ou justification</translation>
    </message>
    <message>
        <source>No label changes recorded yet. Every label you apply or remove will be listed here.</source>
        <translation>Aucune modification d&apos;étiquette n&apos;a encore été enregistrée. Chaque étiquette que vous appliquez ou retirez apparaîtra ici.</translation>
    </message>
    <message>
        <source>Label changes, newest first</source>
        <translation>Modifications d&apos;étiquettes, les plus récentes d&apos;abord</translation>
    </message>
</context>
<context>
    <name>IntegrityBanner</name>
    <message numerus="yes">
        <source>Audit log intact: %n entries</source>
        <translation>
            <numerusform>Journal d&apos;audit intact : %n entrée</numerusform>
            <numerusform>Journal d&apos;audit intact : %n entrées</numerusform>
        </translation>
    </message>
    <message>
        <source>Every label change below is recorded as it happened: nothing was changed or removed afterwards.</source>
        <translation>Chaque modification ci-dessous est enregistrée telle qu&apos;elle s&apos;est produite : rien n&apos;a été modifié ni supprimé ensuite.</translation>
    </message>
    <message>
        <source>The audit log was changed at line %1: %2</source>
        <translation>Le journal d&apos;audit a été modifié à la ligne %1 : %2</translation>
    </message>
    <message>
        <source>The audit log was changed: %2</source>
        <translation>Le journal d&apos;audit a été modifié : %2</translation>
    </message>
    <message numerus="yes">
        <source>The first %n entries are intact; the entries from that point on cannot be trusted. Tell your IT department.</source>
        <translation>
            <numerusform>La première entrée est intacte ; à partir de ce point, les entrées ne sont plus fiables. Prévenez votre service informatique.</numerusform>
            <numerusform>Les %n premières entrées sont intactes ; à partir de ce point, les entrées ne sont plus fiables. Prévenez votre service informatique.</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>SharingMatrix</name>
    <message>
        <source>Allowed</source>
        <translation>Autorisé</translation>
    </message>
    <message>
        <source>Conditions</source>
        <translation>Conditions</translation>
    </message>
    <message>
        <source>Forbidden</source>
        <translation>Interdit</translation>
    </message>
    <message>
        <source>Condition: %1</source>
        <translation>Condition : %1</translation>
    </message>
    <message>
        <source>Instead: %1</source>
        <translation>À la place : %1</translation>
    </message>
    <message>
        <source>Choose a cell (click it, or use the arrow keys) to read why, under which conditions, and what to do instead.</source>
        <translation>Choisissez une case (cliquez dessus ou utilisez les flèches) pour lire pourquoi, à quelles conditions et que faire à la place.</translation>
    </message>
    <message>
        <source>Export to PDF…</source>
        <translation>Exporter en PDF…</translation>
    </message>
    <message>
        <source>Save this table as an A4 PDF, with every condition written out</source>
        <translation>Enregistrer ce tableau en PDF A4, avec toutes les conditions en toutes lettres</translation>
    </message>
    <message>
        <source>Print…</source>
        <translation>Imprimer…</translation>
    </message>
    <message>
        <source>What each label allows, per sharing channel</source>
        <translation>Ce que chaque étiquette autorise, par moyen de partage</translation>
    </message>
    <message>
        <source>%1 – sharing rules</source>
        <translation>%1 – règles de partage</translation>
    </message>
    <message>
        <source>Export the sharing rules as PDF</source>
        <translation>Exporter les règles de partage en PDF</translation>
    </message>
    <message>
        <source>PDF documents (*.pdf)</source>
        <translation>Documents PDF (*.pdf)</translation>
    </message>
    <message>
        <source>Saving %1…</source>
        <translation>Enregistrement de %1…</translation>
    </message>
    <message>
        <source>Saved to %1</source>
        <translation>Enregistré sous %1</translation>
    </message>
    <message>
        <source>The PDF could not be saved: %1</source>
        <translation>Le PDF n&apos;a pas pu être enregistré : %1</translation>
    </message>
    <message>
        <source>Print the sharing rules</source>
        <translation>Imprimer les règles de partage</translation>
    </message>
    <message>
        <source>What each label allows: %1</source>
        <translation>Ce que chaque étiquette autorise : %1</translation>
    </message>
    <message>
        <source>Label</source>
        <translation>Étiquette</translation>
    </message>
    <message>
        <source>Version %1</source>
        <translation>Version %1</translation>
    </message>
    <message>
        <source>printed on %1</source>
        <translation>imprimé le %1</translation>
    </message>
    <message>
        <source>◐ cells give the condition; ✘ cells say what to do instead.</source>
        <translation>Les cases ◐ donnent la condition ; les cases ✘ disent que faire à la place.</translation>
    </message>
</context>
<context>
    <name>SharingMomentsCard</name>
    <message>
        <source>No document has needed a word at the moment of sharing yet. When one does, what you chose afterwards shows here.</source>
        <translation>Aucun document n’a encore eu besoin d’un mot au moment du partage. Quand ce sera le cas, ce que vous avez choisi ensuite s’affichera ici.</translation>
    </message>
    <message numerus="yes">
        <source>Labeler explained a label %n time(s) where a document was leaving.</source>
        <translation>
            <numerusform>Labeler a expliqué une étiquette %n fois là où un document partait.</numerusform>
            <numerusform>Labeler a expliqué une étiquette %n fois là où un document partait.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n time(s) the better way was taken: the copy taken back or the collaboration space used.</source>
        <translation>
            <numerusform>%n fois, la meilleure voie a été prise&#xa0;: la copie reprise ou l’espace collaboratif utilisé.</numerusform>
            <numerusform>%n fois, la meilleure voie a été prise&#xa0;: la copie reprise ou l’espace collaboratif utilisé.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n moved to the trash</source>
        <translation>
            <numerusform>%n mis à la corbeille</numerusform>
            <numerusform>%n mis à la corbeille</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>the collaboration space opened %n time(s)</source>
        <translation>
            <numerusform>l’espace collaboratif ouvert %n fois</numerusform>
            <numerusform>l’espace collaboratif ouvert %n fois</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n kept with a reason</source>
        <translation>
            <numerusform>%n gardé avec une raison</numerusform>
            <numerusform>%n gardés avec une raison</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n closed without a choice</source>
        <translation>
            <numerusform>%n laissé sans choix</numerusform>
            <numerusform>%n laissés sans choix</numerusform>
        </translation>
    </message>
    <message>
        <source>What you chose afterwards: %1.</source>
        <translation>Ce que vous avez choisi ensuite&#xa0;: %1.</translation>
    </message>
    <message numerus="yes">
        <source>%n could go</source>
        <translation>
            <numerusform>%n pouvait partir</numerusform>
            <numerusform>%n pouvaient partir</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n kept back as the label asks</source>
        <translation>
            <numerusform>%n retenu comme le demande l’étiquette</numerusform>
            <numerusform>%n retenus comme le demande l’étiquette</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n not sent, as its conditions were not confirmed</source>
        <translation>
            <numerusform>%n non envoyé&#xa0;: conditions non confirmées</numerusform>
            <numerusform>%n non envoyés&#xa0;: conditions non confirmées</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>You checked %n file(s) before sharing them: %1.</source>
        <translation>
            <numerusform>Vous avez vérifié %n fichier avant de le partager&#xa0;: %1.</numerusform>
            <numerusform>Vous avez vérifié %n fichiers avant de les partager&#xa0;: %1.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n document(s) arrived during quiet hours or with notifications off: recorded, not shown.</source>
        <translation>
            <numerusform>%n document est arrivé pendant les heures calmes ou avec les notifications coupées&#xa0;: enregistré, pas affiché.</numerusform>
            <numerusform>%n documents sont arrivés pendant les heures calmes ou avec les notifications coupées&#xa0;: enregistrés, pas affichés.</numerusform>
        </translation>
    </message>
    <message>
        <source>Moments of sharing</source>
        <translation>Moments de partage</translation>
    </message>
    <message>
        <source>Counted per document, from the audit trail on this computer.</source>
        <translation>Compté par document, à partir du journal d’audit de cet ordinateur.</translation>
    </message>
</context>
<context>
    <name>TimelineChart</name>
    <message>
        <source>You haven&apos;t labelled anything yet — labels you apply will show up here.</source>
        <translation>Vous n&apos;avez encore rien étiqueté — les étiquettes que vous appliquez apparaîtront ici.</translation>
    </message>
    <message>
        <source>Week of %1</source>
        <translation>Semaine du %1</translation>
    </message>
    <message numerus="yes">
        <source>%1: %n label(s) applied</source>
        <translation>
            <numerusform>%1 : %n étiquette appliquée</numerusform>
            <numerusform>%1 : %n étiquettes appliquées</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Labels you applied per day over the last %n day(s)</source>
        <translation>
            <numerusform>Étiquettes appliquées au cours du dernier jour</numerusform>
            <numerusform>Étiquettes appliquées par jour au cours des %n derniers jours</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Labels you applied per week over the last %n week(s)</source>
        <translation>
            <numerusform>Étiquettes appliquées au cours de la dernière semaine</numerusform>
            <numerusform>Étiquettes appliquées par semaine au cours des %n dernières semaines</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n in total</source>
        <translation>
            <numerusform>%n au total</numerusform>
            <numerusform>%n au total</numerusform>
        </translation>
    </message>
    <message>
        <source>Labels applied over time</source>
        <translation>Étiquettes appliquées au fil du temps</translation>
    </message>
</context>
<context>
    <name>TipsCard</name>
    <message>
        <source>%1 of %2</source>
        <translation>%1 sur %2</translation>
    </message>
    <message>
        <source>Tip</source>
        <translation>Astuce</translation>
    </message>
    <message>
        <source>‹ Previous</source>
        <translation>‹ Précédente</translation>
    </message>
    <message>
        <source>The previous tip</source>
        <translation>L&apos;astuce précédente</translation>
    </message>
    <message>
        <source>Next ›</source>
        <translation>Suivante ›</translation>
    </message>
    <message>
        <source>The next tip</source>
        <translation>L&apos;astuce suivante</translation>
    </message>
</context>
</TS>
