<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="en_US">
<context>
    <name>FilesPage</name>
    <message numerus="yes">
        <source>Reading labels… %1 file(s)</source>
        <translation>
            <numerusform>Reading labels… %1 file</numerusform>
            <numerusform>Reading labels… %1 files</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Stopped after %1 file(s). Press F5 to read the folders again.</source>
        <translation>
            <numerusform>Stopped after %1 file. Press F5 to read the folders again.</numerusform>
            <numerusform>Stopped after %1 files. Press F5 to read the folders again.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%1 file(s)</source>
        <translation>
            <numerusform>%1 file</numerusform>
            <numerusform>%1 files</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%1 labelled</source>
        <translation>
            <numerusform>%1 labelled</numerusform>
            <numerusform>%1 labelled</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%1 to label</source>
        <translation>
            <numerusform>%1 to label</numerusform>
            <numerusform>%1 to label</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%1 unreadable</source>
        <translation>
            <numerusform>%1 unreadable</numerusform>
            <numerusform>%1 unreadable</numerusform>
        </translation>
    </message>
</context>
</TS>
