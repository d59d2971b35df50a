<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="fr">
<context>
    <name></name>
    <message>
        <source>never</source>
        <translation>jamais</translation>
    </message>
    <message>
        <source>The administrator&apos;s settings could not all be used: %1</source>
        <translation>Les paramètres de votre administrateur n&apos;ont pas tous pu être utilisés : %1</translation>
    </message>
    <message>
        <source>The log folder %1 could not be opened.</source>
        <translation>Le dossier des journaux %1 n&apos;a pas pu être ouvert.</translation>
    </message>
    <message>
        <source>Set by your administrator</source>
        <translation>Défini par votre administrateur</translation>
    </message>
    <message>
        <source>Your settings could not be saved: %1. The change applies until Labeler quits.</source>
        <translation>Vos paramètres n&apos;ont pas pu être enregistrés : %1. La modification s&apos;applique jusqu&apos;à la fermeture de Labeler.</translation>
    </message>
    <message>
        <source>Saved</source>
        <translation>Enregistré</translation>
    </message>
    <message>
        <source>Watch a folder</source>
        <translation>Surveiller un dossier</translation>
    </message>
    <message>
        <source>%1 is already watched.</source>
        <translation>%1 est déjà surveillé.</translation>
    </message>
    <message>
        <source>Quiet hours need a different start and end time.</source>
        <translation>Les heures calmes doivent avoir une heure de début et une heure de fin différentes.</translation>
    </message>
    <message>
        <source>Adding the entries…</source>
        <translation>Ajout des entrées…</translation>
    </message>
    <message>
        <source>Removing the entries…</source>
        <translation>Suppression des entrées…</translation>
    </message>
    <message>
        <source>The right-click menu could not be changed: %1</source>
        <translation>Le menu contextuel n&apos;a pas pu être modifié : %1</translation>
    </message>
    <message>
        <source>This system has no file manager Labeler can add an entry to.</source>
        <translation>Ce système n&apos;a aucun gestionnaire de fichiers auquel Labeler peut ajouter une entrée.</translation>
    </message>
    <message>
        <source>Problem: %1</source>
        <translation>Problème : %1</translation>
    </message>
    <message>
        <source>Installed</source>
        <translation>Installé</translation>
    </message>
    <message>
        <source>Installed, but from another version — install again to update</source>
        <translation>Installé, mais par une autre version — réinstallez pour mettre à jour</translation>
    </message>
    <message>
        <source>Not installed: a file of the same name that Labeler did not write is in the way</source>
        <translation>Non installé : un fichier du même nom, qui n&apos;a pas été écrit par Labeler, est déjà présent</translation>
    </message>
    <message>
        <source>Not installed</source>
        <translation>Non installé</translation>
    </message>
    <message>
        <source>(this file manager is not on this computer)</source>
        <translation>(ce gestionnaire de fichiers n&apos;est pas présent sur cet ordinateur)</translation>
    </message>
    <message>
        <source>“Label…” was added to the right-click menu of: %1. Restart the file manager if it is open.</source>
        <translation>« Label… » a été ajouté au menu contextuel de : %1. Redémarrez le gestionnaire de fichiers s&apos;il est ouvert.</translation>
    </message>
    <message>
        <source>“Label…” was removed from the right-click menu of: %1.</source>
        <translation>« Label… » a été retiré du menu contextuel de : %1.</translation>
    </message>
    <message>
        <source>%1: %2</source>
        <translation>%1 : %2</translation>
    </message>
    <message>
        <source>Checking the administrator&apos;s source…</source>
        <translation>Vérification de la source de votre administrateur…</translation>
    </message>
    <message>
        <source>Built-in demo scheme — no administrator source is configured.</source>
        <translation>Schéma de démonstration intégré — aucune source d&apos;administrateur n&apos;est configurée.</translation>
    </message>
    <message>
        <source>Built-in demo scheme — no scheme from the administrator&apos;s source has been accepted yet.</source>
        <translation>Schéma de démonstration intégré — aucun schéma de la source de votre administrateur n&apos;a encore été accepté.</translation>
    </message>
    <message>
        <source>The scheme of your organisation, signed by your administrator.</source>
        <translation>Le schéma de votre organisation, signé par votre administrateur.</translation>
    </message>
    <message>
        <source>The administrator&apos;s settings file cannot be used: %1</source>
        <translation>Le fichier de paramètres de votre administrateur est inutilisable : %1</translation>
    </message>
    <message>
        <source>built in</source>
        <translation>intégré</translation>
    </message>
    <message>
        <source>not signed (built in)</source>
        <translation>non signé (intégré)</translation>
    </message>
    <message>
        <source>valid</source>
        <translation>valide</translation>
    </message>
    <message>
        <source>not verified</source>
        <translation>non vérifiée</translation>
    </message>
    <message>
        <source>none</source>
        <translation>aucun</translation>
    </message>
    <message>
        <source>A new scheme was accepted: version %1 is now in force.</source>
        <translation>Un nouveau schéma a été accepté : la version %1 est désormais en vigueur.</translation>
    </message>
    <message>
        <source>The scheme is up to date.</source>
        <translation>Le schéma est à jour.</translation>
    </message>
    <message>
        <source>The check found no usable new scheme; see “Last problem”.</source>
        <translation>La vérification n&apos;a trouvé aucun nouveau schéma utilisable ; voir « Dernier problème ».</translation>
    </message>
    <message>
        <source>The check could not be done: %1</source>
        <translation>La vérification n&apos;a pas pu être effectuée : %1</translation>
    </message>
    <message>
        <source>you</source>
        <translation>vous</translation>
    </message>
    <message>
        <source>label scheme</source>
        <translation>schéma d’étiquettes</translation>
    </message>
    <message>
        <source>Add a sharing place</source>
        <translation>Ajouter un lieu de partage</translation>
    </message>
    <message>
        <source>%1 is already a sharing place.</source>
        <translation>%1 est déjà un lieu de partage.</translation>
    </message>
</context>
<context>
    <name>FoldersPage</name>
    <message>
        <source>Folders</source>
        <translation>Dossiers</translation>
    </message>
    <message>
        <source>&amp;Watch these folders (and their subfolders) for new documents without a label:</source>
        <translation>&amp;Surveiller ces dossiers (et leurs sous-dossiers) pour y trouver les nouveaux documents sans étiquette :</translation>
    </message>
    <message>
        <source>&amp;Add folder…</source>
        <translation>&amp;Ajouter un dossier…</translation>
    </message>
    <message>
        <source>&amp;Remove</source>
        <translation>&amp;Retirer</translation>
    </message>
    <message>
        <source>&amp;Never ask about documents in these folders:</source>
        <translation>Ne &amp;jamais demander pour les documents de ces dossiers :</translation>
    </message>
    <message>
        <source>As&amp;k again</source>
        <translation>Redeman&amp;der</translation>
    </message>
</context>
<context>
    <name>GeneralPage</name>
    <message>
        <source>General</source>
        <translation>Général</translation>
    </message>
    <message>
        <source>&amp;Language:</source>
        <translation>&amp;Langue :</translation>
    </message>
    <message>
        <source>As the system</source>
        <translation>Comme le système</translation>
    </message>
    <message>
        <source>&amp;Start Labeler when I log in</source>
        <translation>&amp;Démarrer Labeler à l&apos;ouverture de session</translation>
    </message>
    <message>
        <source>Labeler then watches your folders from the moment you log in. This applies to your user account only.</source>
        <translation>Labeler surveille alors vos dossiers dès l&apos;ouverture de votre session. Cela ne concerne que votre compte utilisateur.</translation>
    </message>
    <message>
        <source>Labeler writes the problems it meets to a log file. Your administrator may ask for it; it holds no document content.</source>
        <translation>Labeler note les problèmes qu&apos;il rencontre dans un fichier journal. Votre administrateur peut vous le demander ; il ne contient aucun contenu de document.</translation>
    </message>
    <message>
        <source>Open &amp;log folder</source>
        <translation>Ouvrir le dossier des &amp;journaux</translation>
    </message>
</context>
<context>
    <name>MenuPage</name>
    <message>
        <source>Right-click menu</source>
        <translation>Menu contextuel</translation>
    </message>
    <message>
        <source>Adds “Label…” to the right-click menu of your file manager, for your user account only. No administrator rights are needed.</source>
        <translation>Ajoute « Label… » au menu contextuel (clic droit) de votre gestionnaire de fichiers, pour votre compte utilisateur uniquement. Aucun droit d&apos;administrateur n&apos;est nécessaire.</translation>
    </message>
    <message>
        <source>File manager</source>
        <translation>Gestionnaire de fichiers</translation>
    </message>
    <message>
        <source>State</source>
        <translation>État</translation>
    </message>
    <message>
        <source>&amp;Install</source>
        <translation>&amp;Installer</translation>
    </message>
    <message>
        <source>&amp;Uninstall</source>
        <translation>&amp;Désinstaller</translation>
    </message>
</context>
<context>
    <name>NotificationsPage</name>
    <message>
        <source>Notifications</source>
        <translation>Notifications</translation>
    </message>
    <message>
        <source>&amp;Tell me when new documents need a label</source>
        <translation>&amp;Me prévenir quand de nouveaux documents ont besoin d&apos;une étiquette</translation>
    </message>
    <message>
        <source>&amp;Quiet hours (no notifications)</source>
        <translation>&amp;Heures calmes (pas de notifications)</translation>
    </message>
    <message>
        <source>&amp;From</source>
        <translation>&amp;De</translation>
    </message>
    <message>
        <source>&amp;until</source>
        <translation>&amp;à</translation>
    </message>
    <message>
        <source>Documents found during quiet hours wait until they are over. The hours may span midnight, e.g. from 22:00 until 07:00.</source>
        <translation>Les documents trouvés pendant les heures calmes attendent qu&apos;elles soient terminées. Les heures peuvent passer minuit, par exemple de 22:00 à 07:00.</translation>
    </message>
</context>
<context>
    <name>SchemePage</name>
    <message>
        <source>Label scheme</source>
        <translation>Schéma d&apos;étiquettes</translation>
    </message>
    <message>
        <source>Name:</source>
        <translation>Nom :</translation>
    </message>
    <message>
        <source>Id:</source>
        <translation>Identifiant :</translation>
    </message>
    <message>
        <source>Version:</source>
        <translation>Version :</translation>
    </message>
    <message>
        <source>Source:</source>
        <translation>Source :</translation>
    </message>
    <message>
        <source>Signature:</source>
        <translation>Signature :</translation>
    </message>
    <message>
        <source>Signed with key:</source>
        <translation>Signé avec la clé :</translation>
    </message>
    <message>
        <source>Last check:</source>
        <translation>Dernière vérification :</translation>
    </message>
    <message>
        <source>Last successful check:</source>
        <translation>Dernière vérification réussie :</translation>
    </message>
    <message>
        <source>Last problem:</source>
        <translation>Dernier problème :</translation>
    </message>
    <message>
        <source>Admin settings file:</source>
        <translation>Fichier de paramètres de l&apos;administrateur :</translation>
    </message>
    <message>
        <source>&amp;Check now</source>
        <translation>&amp;Vérifier maintenant</translation>
    </message>
</context>
<context>
    <name>SettingsView</name>
    <message>
        <source>General</source>
        <translation>Général</translation>
    </message>
    <message>
        <source>Folders</source>
        <translation>Dossiers</translation>
    </message>
    <message>
        <source>Notifications</source>
        <translation>Notifications</translation>
    </message>
    <message>
        <source>Sharing places</source>
        <translation>Lieux de partage</translation>
    </message>
    <message>
        <source>Right-click menu</source>
        <translation>Menu contextuel</translation>
    </message>
    <message>
        <source>Label scheme</source>
        <translation>Schéma d&apos;étiquettes</translation>
    </message>
    <message>
        <source>Close</source>
        <translation>Fermer</translation>
    </message>
</context>
<context>
    <name>SettingsWindow</name>
    <message>
        <source>Settings</source>
        <translation>Paramètres</translation>
    </message>
</context>
<context>
    <name>SharingPlacesPage</name>
    <message>
        <source>Sharing places</source>
        <translation>Lieux de partage</translation>
    </message>
    <message>
        <source>When a labelled document is copied into one of these folders, Labeler explains what its label allows there and offers a better way. Nothing is blocked.</source>
        <translation>Quand un document étiqueté est copié dans l’un de ces dossiers, Labeler explique ce que son étiquette y permet et propose une meilleure voie. Rien n’est bloqué.</translation>
    </message>
    <message>
        <source>&amp;Folders where documents leave your hands:</source>
        <translation>&amp;Dossiers où les documents quittent vos mains :</translation>
    </message>
    <message>
        <source>Folder</source>
        <translation>Dossier</translation>
    </message>
    <message>
        <source>Channel</source>
        <translation>Canal</translation>
    </message>
    <message>
        <source>Set by</source>
        <translation>Défini par</translation>
    </message>
    <message>
        <source>C&amp;hannel for a new folder:</source>
        <translation>&amp;Canal pour un nouveau dossier :</translation>
    </message>
    <message>
        <source>&amp;Add folder…</source>
        <translation>&amp;Ajouter un dossier…</translation>
    </message>
    <message>
        <source>&amp;Remove</source>
        <translation>&amp;Retirer</translation>
    </message>
    <message>
        <source>The label scheme&apos;s places are set by your administrator; you can add your own and remove those again.</source>
        <translation>Les lieux du schéma d’étiquettes sont définis par votre administrateur ; vous pouvez ajouter les vôtres et les retirer.</translation>
    </message>
</context>
</TS>
