<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="fr_FR">
<context>
    <name></name>
    <message>
        <source>Sample document (it does not exist on disk).</source>
        <translation>Document d&apos;exemple (il n&apos;existe pas sur le disque).</translation>
    </message>
    <message>
        <source>Preview: nothing was written. In use, this change would need a justification.</source>
        <translation>Aperçu : rien n&apos;a été écrit. En situation réelle, ce changement demanderait une justification.</translation>
    </message>
    <message>
        <source>Preview: nothing was written. In use, the label would have been removed.</source>
        <translation>Aperçu : rien n&apos;a été écrit. En situation réelle, l&apos;étiquette aurait été retirée.</translation>
    </message>
    <message>
        <source>Preview: nothing was written. In use, the file would have been labelled %1.</source>
        <translation>Aperçu : rien n&apos;a été écrit. En situation réelle, le fichier aurait reçu l&apos;étiquette %1.</translation>
    </message>
</context>
<context>
    <name>PreviewWindow</name>
    <message>
        <source>Scheme preview — %1</source>
        <translation>Aperçu du schéma — %1</translation>
    </message>
    <message>
        <source>Reading %1…</source>
        <translation>Lecture de %1…</translation>
    </message>
    <message>
        <source>Preview of %1, version %2 — not signed, nothing is written</source>
        <translation>Aperçu de %1, version %2 — non signé, rien n&apos;est écrit</translation>
    </message>
    <message>
        <source>Preview of %1 — not a valid scheme yet, nothing is written</source>
        <translation>Aperçu de %1 — ce n&apos;est pas encore un schéma valide, rien n&apos;est écrit</translation>
    </message>
    <message>
        <source>&amp;Language:</source>
        <translation>&amp;Langue :</translation>
    </message>
    <message>
        <source>&amp;Reload</source>
        <translation>&amp;Recharger</translation>
    </message>
    <message>
        <source>Read the scheme file again (it is also read again when it is saved).</source>
        <translation>Relire le fichier du schéma (il est aussi relu automatiquement à chaque enregistrement).</translation>
    </message>
    <message>
        <source>Start again</source>
        <translation>Recommencer</translation>
    </message>
    <message>
        <source>The labelling dialog as employees will see it, for a sample document. Applying a label here changes no file.</source>
        <translation>La fenêtre d&apos;étiquetage telle que les employés la verront, pour un document d&apos;exemple. Appliquer une étiquette ici ne modifie aucun fichier.</translation>
    </message>
    <message>
        <source>Labelling dialog</source>
        <translation>Fenêtre d&apos;étiquetage</translation>
    </message>
    <message>
        <source>Sharing matrix</source>
        <translation>Matrice de partage</translation>
    </message>
</context>
<context>
    <name>ProblemsView</name>
    <message>
        <source>Line</source>
        <translation>Ligne</translation>
    </message>
    <message>
        <source>Field</source>
        <translation>Champ</translation>
    </message>
    <message>
        <source>Problem</source>
        <translation>Problème</translation>
    </message>
    <message>
        <source>Double-click a problem, or press Enter on it, to see its line. Fix the file and save it: the preview reloads by itself.</source>
        <translation>Double-cliquez sur un problème, ou appuyez sur Entrée, pour voir sa ligne. Corrigez le fichier et enregistrez-le : l&apos;aperçu se recharge tout seul.</translation>
    </message>
    <message numerus="yes">
        <source>%n problem(s) must be fixed before this scheme can be used.</source>
        <translation>
            <numerusform>%n problème doit être corrigé avant que ce schéma puisse être utilisé.</numerusform>
            <numerusform>%n problèmes doivent être corrigés avant que ce schéma puisse être utilisé.</numerusform>
        </translation>
    </message>
    <message>
        <source>Line %1 of the file:</source>
        <translation>Ligne %1 du fichier :</translation>
    </message>
    <message>
        <source>The file:</source>
        <translation>Le fichier :</translation>
    </message>
</context>
</TS>
