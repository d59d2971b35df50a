<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="fr_FR">
<context>
    <name></name>
    <message>
        <source>Labeler — unexpected problem</source>
        <translation>Labeler — problème inattendu</translation>
    </message>
    <message>
        <source>Something went wrong inside Labeler. No document was left half-written, and the app keeps running.</source>
        <translation>Un problème est survenu dans Labeler. Aucun document n&apos;a été laissé à moitié écrit et l&apos;application continue de fonctionner.</translation>
    </message>
    <message>
        <source>Open log folder</source>
        <translation>Ouvrir le dossier des journaux</translation>
    </message>
    <message>
        <source>The details are also in the log; your administrator may ask for it.</source>
        <translation>Les détails figurent aussi dans le journal ; votre administrateur peut vous le demander.</translation>
    </message>
    <message>
        <source>Label scheme: %1, version %2</source>
        <translation>Schéma d&apos;étiquettes : %1, version %2</translation>
    </message>
    <message>
        <source>the built-in demo scheme</source>
        <translation>le schéma de démonstration intégré</translation>
    </message>
    <message>
        <source>from %1</source>
        <translation>de %1</translation>
    </message>
    <message>
        <source>Label files</source>
        <translation>Étiqueter des fichiers</translation>
    </message>
    <message>
        <source>Labeler</source>
        <translation>Labeler</translation>
    </message>
    <message>
        <source>The label scheme was updated to version %1.</source>
        <translation>Le schéma d&apos;étiquettes a été mis à jour vers la version %1.</translation>
    </message>
    <message>
        <source>No folder is watched.</source>
        <translation>Aucun dossier n&apos;est surveillé.</translation>
    </message>
    <message>
        <source>Watching is stopped.</source>
        <translation>La surveillance est arrêtée.</translation>
    </message>
    <message numerus="yes">
        <source>Watching %n folder(s) for documents without a label.</source>
        <translation>
            <numerusform>%n dossier surveillé pour les documents sans étiquette.</numerusform>
            <numerusform>%n dossiers surveillés pour les documents sans étiquette.</numerusform>
        </translation>
    </message>
    <message>
        <source>Watching by polling %1: %2</source>
        <translation>%1 est vérifié périodiquement : %2</translation>
    </message>
    <message numerus="yes">
        <source>(%n more folder(s) polled)</source>
        <translation>
            <numerusform>(%n autre dossier vérifié périodiquement)</numerusform>
            <numerusform>(%n autres dossiers vérifiés périodiquement)</numerusform>
        </translation>
    </message>
    <message>
        <source>Not found: %1.</source>
        <translation>Introuvable : %1.</translation>
    </message>
</context>
<context>
    <name>Notifier</name>
    <message>
        <source>Documents to label</source>
        <translation>Documents à étiqueter</translation>
    </message>
    <message>
        <source>Label now</source>
        <translation>Étiqueter maintenant</translation>
    </message>
    <message>
        <source>Remind me in an hour</source>
        <translation>Me le rappeler dans une heure</translation>
    </message>
    <message>
        <source>Until then there are no reminders about any folder; the documents stay on the list.</source>
        <translation>D&apos;ici là, aucun rappel pour aucun dossier ; les documents restent dans la liste.</translation>
    </message>
    <message>
        <source>Don&apos;t ask for this folder</source>
        <translation>Ne plus demander pour ce dossier</translation>
    </message>
</context>
<context>
    <name>RestoreNotice</name>
    <message>
        <source>Another program saved “%1” without its label %2. Put the label back?</source>
        <translation>Un autre programme a enregistré « %1 » sans son étiquette %2. Remettre l’étiquette ?</translation>
    </message>
    <message numerus="yes">
        <source>%n more document(s) lost their label the same way.</source>
        <translation>
            <numerusform>%n autre document a perdu son étiquette de la même façon.</numerusform>
            <numerusform>%n autres documents ont perdu leur étiquette de la même façon.</numerusform>
        </translation>
    </message>
    <message>
        <source>Label dropped by another program</source>
        <translation>Étiquette supprimée par un autre programme</translation>
    </message>
    <message>
        <source>Put the label back</source>
        <translation>Remettre l’étiquette</translation>
    </message>
    <message>
        <source>Label the document again with the label it had; the audit log records it as restored</source>
        <translation>Étiqueter à nouveau le document avec l’étiquette qu’il avait ; le journal d’audit l’enregistre comme rétablie</translation>
    </message>
    <message>
        <source>Leave it unlabelled</source>
        <translation>Laisser sans étiquette</translation>
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
            <numerusform>%n document attend une étiquette</numerusform>
            <numerusform>%n documents attendent une étiquette</numerusform>
        </translation>
    </message>
    <message>
        <source>Watching paused</source>
        <translation>Surveillance suspendue</translation>
    </message>
    <message>
        <source>Label a file…</source>
        <translation>Étiqueter un fichier…</translation>
    </message>
    <message numerus="yes">
        <source>Documents waiting (%n)</source>
        <translation>
            <numerusform>Documents en attente (%n)</numerusform>
            <numerusform>Documents en attente (%n)</numerusform>
        </translation>
    </message>
    <message>
        <source>Pause watching</source>
        <translation>Suspendre la surveillance</translation>
    </message>
    <message>
        <source>Open overview</source>
        <translation>Ouvrir la vue d&apos;ensemble</translation>
    </message>
    <message>
        <source>Settings…</source>
        <translation>Paramètres…</translation>
    </message>
    <message>
        <source>Quit</source>
        <translation>Quitter</translation>
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
        <translation>Les étiqueter…</translation>
    </message>
    <message>
        <source>Label a file…</source>
        <translation>Étiqueter un fichier…</translation>
    </message>
    <message>
        <source>Open overview</source>
        <translation>Ouvrir la vue d&apos;ensemble</translation>
    </message>
    <message>
        <source>Settings…</source>
        <translation>Paramètres…</translation>
    </message>
    <message>
        <source>Pause watching</source>
        <translation>Suspendre la surveillance</translation>
    </message>
    <message>
        <source>Quit</source>
        <translation>Quitter</translation>
    </message>
    <message>
        <source>There is no system tray on this desktop, so this window takes its place. Closing it keeps your folders watched; run labeler to open it again.</source>
        <translation>Ce bureau n&apos;a pas de zone de notification : cette fenêtre la remplace. La fermer n&apos;arrête pas la surveillance de vos dossiers ; lancez labeler pour la rouvrir.</translation>
    </message>
    <message numerus="yes">
        <source>%n document(s) waiting for a label</source>
        <translation>
            <numerusform>%n document attend une étiquette</numerusform>
            <numerusform>%n documents attendent une étiquette</numerusform>
        </translation>
    </message>
    <message>
        <source>No documents waiting for a label</source>
        <translation>Aucun document n&apos;attend d&apos;étiquette</translation>
    </message>
    <message>
        <source>Watching paused</source>
        <translation>Surveillance suspendue</translation>
    </message>
</context>
</TS>
