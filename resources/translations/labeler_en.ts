<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="en_US">
<context>
    <name>LabelDialogController</name>
    <message numerus="yes">
        <source>%n file(s)</source>
        <translation>
            <numerusform>%n file</numerusform>
            <numerusform>%n files</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n file(s) can only be labelled beside the content: the label does not travel with copies or e-mail, and no marking is drawn.</source>
        <translation>
            <numerusform>%n file can only be labelled beside the content: the label does not travel with copies or e-mail, and no marking is drawn.</numerusform>
            <numerusform>%n files can only be labelled beside the content: the label does not travel with copies or e-mail, and no marking is drawn.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Apply to %n file(s)</source>
        <translation>
            <numerusform>Apply to %n file</numerusform>
            <numerusform>Apply to %n files</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%1 of %n file(s) labelled %2.</source>
        <translation>
            <numerusform>%1 of %n file labelled %2.</numerusform>
            <numerusform>%1 of %n files labelled %2.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Label removed from %1 of %n file(s).</source>
        <translation>
            <numerusform>Label removed from %1 of %n file.</numerusform>
            <numerusform>Label removed from %1 of %n files.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n file(s) already had it and were not changed.</source>
        <translation>
            <numerusform>%n file already had it and was not changed.</numerusform>
            <numerusform>%n files already had it and were not changed.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n file(s) left as they were:</source>
        <translation>
            <numerusform>%n file left as it was:</numerusform>
            <numerusform>%n files left as they were:</numerusform>
        </translation>
    </message>
</context>
</TS>
