<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="fr_FR">
<context>
    <name>FilesModel</name>
    <message>
        <source>A dashed tag after a label: the label is stored beside the content, not inside the file, so copies to USB sticks or e-mail attachments lose it.</source>
        <translation>Un petit badge en pointillés après une étiquette : elle est enregistrée à côté du contenu, pas dans le fichier, donc les copies sur clé USB ou en pièce jointe d’un e-mail la perdent.</translation>
    </message>
    <message>
        <source>Name</source>
        <translation>Nom</translation>
    </message>
    <message>
        <source>Folder</source>
        <translation>Dossier</translation>
    </message>
    <message>
        <source>Label</source>
        <translation>Étiquette</translation>
    </message>
    <message>
        <source>Modified</source>
        <translation>Modifié</translation>
    </message>
    <message>
        <source>Other tools&apos; labels</source>
        <translation>Étiquettes d&apos;autres outils</translation>
    </message>
    <message>
        <source>The label is stored beside the content: copies to USB sticks or e-mail attachments lose it.</source>
        <translation>L’étiquette est enregistrée à côté du contenu : les copies sur clé USB ou en pièce jointe d’un e-mail la perdent.</translation>
    </message>
    <message>
        <source>Unreadable</source>
        <translation>Illisible</translation>
    </message>
    <message>
        <source>Not labelled yet</source>
        <translation>Pas encore étiqueté</translation>
    </message>
    <message>
        <source>Recognised from another tool&apos;s label; not yet labelled with this app.</source>
        <translation>Reconnue d&apos;après l&apos;étiquette d&apos;un autre outil ; pas encore étiqueté avec cette application.</translation>
    </message>
</context>
<context>
    <name>FilesPage</name>
    <message>
        <source>All</source>
        <translation>Tout</translation>
    </message>
    <message>
        <source>Not labelled yet</source>
        <translation>Pas encore étiqueté</translation>
    </message>
    <message>
        <source>Other tools&apos; labels</source>
        <translation>Étiquettes d&apos;autres outils</translation>
    </message>
    <message>
        <source>Unreadable</source>
        <translation>Illisible</translation>
    </message>
    <message>
        <source>All folders</source>
        <translation>Tous les dossiers</translation>
    </message>
    <message>
        <source>Label…</source>
        <translation>Étiqueter…</translation>
    </message>
    <message>
        <source>Open containing folder</source>
        <translation>Ouvrir le dossier parent</translation>
    </message>
    <message numerus="yes">
        <source>Reading labels… %1 file(s)</source>
        <translation>
            <numerusform>Lecture des étiquettes… %1 fichier</numerusform>
            <numerusform>Lecture des étiquettes… %1 fichiers</numerusform>
        </translation>
    </message>
    <message>
        <source>The folders could not be read: %1</source>
        <translation>Impossible de lire les dossiers : %1</translation>
    </message>
    <message numerus="yes">
        <source>Stopped after %1 file(s). Press F5 to read the folders again.</source>
        <translation>
            <numerusform>Arrêté après %1 fichier. Appuyez sur F5 pour relire les dossiers.</numerusform>
            <numerusform>Arrêté après %1 fichiers. Appuyez sur F5 pour relire les dossiers.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%1 file(s)</source>
        <translation>
            <numerusform>%1 fichier</numerusform>
            <numerusform>%1 fichiers</numerusform>
        </translation>
    </message>
    <message>
        <source>%1 of %2 shown</source>
        <translation>%1 sur %2 affichés</translation>
    </message>
    <message>
        <source>Folder not found</source>
        <translation>Dossier introuvable</translation>
    </message>
    <message>
        <source>No documents</source>
        <translation>Aucun document</translation>
    </message>
    <message numerus="yes">
        <source>%1 labelled</source>
        <translation>
            <numerusform>%1 étiqueté</numerusform>
            <numerusform>%1 étiquetés</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%1 to label</source>
        <translation>
            <numerusform>%1 à étiqueter</numerusform>
            <numerusform>%1 à étiqueter</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%1 unreadable</source>
        <translation>
            <numerusform>%1 illisible</numerusform>
            <numerusform>%1 illisibles</numerusform>
        </translation>
    </message>
    <message>
        <source>Labelled documents in %1</source>
        <translation>Documents étiquetés dans %1</translation>
    </message>
</context>
<context>
    <name>FilesView</name>
    <message>
        <source>Watched folders</source>
        <translation>Dossiers surveillés</translation>
    </message>
    <message>
        <source>No folder is watched. Add one in Settings to see its documents here.</source>
        <translation>Aucun dossier n&apos;est surveillé. Ajoutez-en un dans les Paramètres pour voir ses documents ici.</translation>
    </message>
    <message>
        <source>&amp;Show:</source>
        <translation>&amp;Afficher :</translation>
    </message>
    <message>
        <source>&amp;In:</source>
        <translation>&amp;Dans :</translation>
    </message>
    <message>
        <source>Search by name (Ctrl+F)</source>
        <translation>Rechercher par nom (Ctrl+F)</translation>
    </message>
    <message>
        <source>Search by name</source>
        <translation>Rechercher par nom</translation>
    </message>
    <message>
        <source>Show &amp;all files</source>
        <translation>Afficher &amp;tous les fichiers</translation>
    </message>
    <message>
        <source>Also list files that are not documents, such as images and text files.</source>
        <translation>Afficher aussi les fichiers qui ne sont pas des documents, comme les images et les fichiers texte.</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>Annuler</translation>
    </message>
    <message>
        <source>&amp;Refresh</source>
        <translation>A&amp;ctualiser</translation>
    </message>
    <message>
        <source>Read the folders again (F5)</source>
        <translation>Relire les dossiers (F5)</translation>
    </message>
    <message>
        <source>&amp;Open containing folder</source>
        <translation>&amp;Ouvrir le dossier parent</translation>
    </message>
    <message>
        <source>&amp;Label…</source>
        <translation>É&amp;tiqueter…</translation>
    </message>
    <message>
        <source>Label the selected files (Enter)</source>
        <translation>Étiqueter les fichiers sélectionnés (Entrée)</translation>
    </message>
    <message>
        <source>Files</source>
        <translation>Fichiers</translation>
    </message>
</context>
<context>
    <name>OverviewWindow</name>
    <message>
        <source>Overview</source>
        <translation>Vue d&apos;ensemble</translation>
    </message>
    <message>
        <source>Files</source>
        <translation>Fichiers</translation>
    </message>
    <message>
        <source>Awareness</source>
        <translation>Sensibilisation</translation>
    </message>
    <message>
        <source>History</source>
        <translation>Historique</translation>
    </message>
    <message>
        <source>Pages</source>
        <translation>Pages</translation>
    </message>
</context>
</TS>
