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
        <source>Nothing sensitive found (%n file(s))</source>
        <translation>
            <numerusform>Nothing sensitive found (%n file)</numerusform>
            <numerusform>Nothing sensitive found (%n files)</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Content not checked (%n file(s))</source>
        <translation>
            <numerusform>Content not checked (%n file)</numerusform>
            <numerusform>Content not checked (%n files)</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Checking the content… (%n file(s))</source>
        <translation>
            <numerusform>Checking the content… (%n file)</numerusform>
            <numerusform>Checking the content… (%n files)</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Cannot be labelled (%n file(s))</source>
        <translation>
            <numerusform>Cannot be labelled (%n file)</numerusform>
            <numerusform>Cannot be labelled (%n files)</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Recommended: %1 (%n file(s))</source>
        <translation>
            <numerusform>Recommended: %1 (%n file)</numerusform>
            <numerusform>Recommended: %1 (%n files)</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Found in %1 of %n document(s):</source>
        <translation>
            <numerusform>Found in %1 of %n document:</numerusform>
            <numerusform>Found in %1 of %n documents:</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%1 for %n file(s)</source>
        <translation>
            <numerusform>%1 for %n file</numerusform>
            <numerusform>%1 for %n files</numerusform>
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
        <source>%n file(s) would get a lower label than recommended. Why is that enough?</source>
        <translation>
            <numerusform>%n file would get a lower label than recommended. Why is that enough?</numerusform>
            <numerusform>%n files would get a lower label than recommended. Why is that enough?</numerusform>
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
        <source>Apply to %1 of %n file(s)</source>
        <translation>
            <numerusform>Apply to %1 of %n file</numerusform>
            <numerusform>Apply to %1 of %n files</numerusform>
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
        <source>%1 of %n file(s) labelled.</source>
        <translation>
            <numerusform>%1 of %n file labelled.</numerusform>
            <numerusform>%1 of %n files labelled.</numerusform>
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
        <source>%n file(s) left out, as you chose.</source>
        <translation>
            <numerusform>%n file left out, as you chose.</numerusform>
            <numerusform>%n files left out, as you chose.</numerusform>
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
