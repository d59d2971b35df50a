<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="en_US">
<context>
    <name>ProblemsView</name>
    <message numerus="yes">
        <source>%n problem(s) must be fixed before this scheme can be used.</source>
        <translation>
            <numerusform>%n problem must be fixed before this scheme can be used.</numerusform>
            <numerusform>%n problems must be fixed before this scheme can be used.</numerusform>
        </translation>
    </message>
</context>
</TS>
