<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="en">
<context>
    <name>AwarenessPage</name>
    <message numerus="yes">
        <source>In the last %n day(s) you applied </source>
        <translation>
            <numerusform>In the last day you applied </numerusform>
            <numerusform>In the last %n days you applied </numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>In the last %n week(s) you applied </source>
        <translation>
            <numerusform>In the last week you applied </numerusform>
            <numerusform>In the last %n weeks you applied </numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n label(s).</source>
        <translation>
            <numerusform>%n label.</numerusform>
            <numerusform>%n labels.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n of your documents carry a label now.</source>
        <translation>
            <numerusform>%n of your documents carries a label now.</numerusform>
            <numerusform>%n of your documents carry a label now.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>You lowered or removed a label with a reason %n time(s).</source>
        <translation>
            <numerusform>You lowered or removed a label with a reason once.</numerusform>
            <numerusform>You lowered or removed a label with a reason %n times.</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>DistributionChart</name>
    <message numerus="yes">
        <source>%1: %n document(s), %2</source>
        <translation>
            <numerusform>%1: %n document, %2</numerusform>
            <numerusform>%1: %n documents, %2</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Your documents by their current label, %n in total</source>
        <translation>
            <numerusform>Your documents by their current label, %n in total</numerusform>
            <numerusform>Your documents by their current label, %n in total</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>HistoryPage</name>
    <message numerus="yes">
        <source>%n change(s)</source>
        <translation>
            <numerusform>%n change</numerusform>
            <numerusform>%n changes</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%1 of %n change(s)</source>
        <translation>
            <numerusform>%1 of %n change</numerusform>
            <numerusform>%1 of %n changes</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>IntegrityBanner</name>
    <message numerus="yes">
        <source>Audit log intact: %n entries</source>
        <translation>
            <numerusform>Audit log intact: %n entry</numerusform>
            <numerusform>Audit log intact: %n entries</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>The first %n entries are intact; the entries from that point on cannot be trusted. Tell your IT department.</source>
        <translation>
            <numerusform>The first entry is intact; the entries from that point on cannot be trusted. Tell your IT department.</numerusform>
            <numerusform>The first %n entries are intact; the entries from that point on cannot be trusted. Tell your IT department.</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>SharingMomentsCard</name>
    <message numerus="yes">
        <source>Labeler explained a label %n time(s) where a document was leaving.</source>
        <translation>
            <numerusform>Labeler explained a label %n time where a document was leaving.</numerusform>
            <numerusform>Labeler explained a label %n times where a document was leaving.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n time(s) the better way was taken: the copy taken back or the collaboration space used.</source>
        <translation>
            <numerusform>%n time the better way was taken: the copy taken back or the collaboration space used.</numerusform>
            <numerusform>%n times the better way was taken: the copy taken back or the collaboration space used.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n moved to the trash</source>
        <translation>
            <numerusform>%n moved to the trash</numerusform>
            <numerusform>%n moved to the trash</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>the collaboration space opened %n time(s)</source>
        <translation>
            <numerusform>the collaboration space opened once</numerusform>
            <numerusform>the collaboration space opened %n times</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n kept with a reason</source>
        <translation>
            <numerusform>%n kept with a reason</numerusform>
            <numerusform>%n kept with a reason</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n closed without a choice</source>
        <translation>
            <numerusform>%n closed without a choice</numerusform>
            <numerusform>%n closed without a choice</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n document(s) arrived during quiet hours or with notifications off: recorded, not shown.</source>
        <translation>
            <numerusform>%n document arrived during quiet hours or with notifications off: recorded, not shown.</numerusform>
            <numerusform>%n documents arrived during quiet hours or with notifications off: recorded, not shown.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n could go</source>
        <translation>
            <numerusform>%n could go</numerusform>
            <numerusform>%n could go</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n kept back as the label asks</source>
        <translation>
            <numerusform>%n kept back as the label asks</numerusform>
            <numerusform>%n kept back as the label asks</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n not sent, as its conditions were not confirmed</source>
        <translation>
            <numerusform>%n not sent, as its conditions were not confirmed</numerusform>
            <numerusform>%n not sent, as their conditions were not confirmed</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>You checked %n file(s) before sharing them: %1.</source>
        <translation>
            <numerusform>You checked %n file before sharing it: %1.</numerusform>
            <numerusform>You checked %n files before sharing them: %1.</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>TimelineChart</name>
    <message numerus="yes">
        <source>%1: %n label(s) applied</source>
        <translation>
            <numerusform>%1: %n label applied</numerusform>
            <numerusform>%1: %n labels applied</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Labels you applied per day over the last %n day(s)</source>
        <translation>
            <numerusform>Labels you applied in the last day</numerusform>
            <numerusform>Labels you applied per day over the last %n days</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Labels you applied per week over the last %n week(s)</source>
        <translation>
            <numerusform>Labels you applied in the last week</numerusform>
            <numerusform>Labels you applied per week over the last %n weeks</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n in total</source>
        <translation>
            <numerusform>%n in total</numerusform>
            <numerusform>%n in total</numerusform>
        </translation>
    </message>
</context>
</TS>
