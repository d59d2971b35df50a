<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="en_US">
<context>
    <name></name>
    <message numerus="yes">
        <source>Watching %n folder(s) for documents without a label.</source>
        <translation>
            <numerusform>Watching %n folder for documents without a label.</numerusform>
            <numerusform>Watching %n folders for documents without a label.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>(%n more folder(s) polled)</source>
        <translation>
            <numerusform>(%n more folder polled)</numerusform>
            <numerusform>(%n more folders polled)</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>RestoreNotice</name>
    <message numerus="yes">
        <source>%n more document(s) lost their label the same way.</source>
        <translation>
            <numerusform>%n more document lost its label the same way.</numerusform>
            <numerusform>%n more documents lost their label the same way.</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>Tray</name>
    <message numerus="yes">
        <source>%n document(s) waiting for a label</source>
        <translation>
            <numerusform>%n document waiting for a label</numerusform>
            <numerusform>%n documents waiting for a label</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Documents waiting (%n)</source>
        <translation>
            <numerusform>Documents waiting (%n)</numerusform>
            <numerusform>Documents waiting (%n)</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>TrayWindow</name>
    <message numerus="yes">
        <source>%n document(s) waiting for a label</source>
        <translation>
            <numerusform>%n document waiting for a label</numerusform>
            <numerusform>%n documents waiting for a label</numerusform>
        </translation>
    </message>
</context>
</TS>
