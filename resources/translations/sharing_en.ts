<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="en">
<context>
    <name>FileRow</name>
    <message numerus="yes">
        <source>Allowed for %n recipient(s).</source>
        <translation>
            <numerusform>Allowed for this recipient.</numerusform>
            <numerusform>Allowed for these %n recipients.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%1 and %n more</source>
        <translation>
            <numerusform>%1 and %n more</numerusform>
            <numerusform>%1 and %n more</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>SendDialog</name>
    <message numerus="yes">
        <source>%n file(s) will be attached.</source>
        <translation>
            <numerusform>%n file will be attached.</numerusform>
            <numerusform>%n files will be attached.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%1 of %2 files will be attached; %n is left out.</source>
        <translation>
            <numerusform>%1 of %2 files will be attached; %n is left out.</numerusform>
            <numerusform>%1 of %2 files will be attached; %n are left out.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n more are not addresses either.</source>
        <translation>
            <numerusform>%n more is not an address either.</numerusform>
            <numerusform>%n more are not addresses either.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Send %n file(s) by e-mail</source>
        <translation>
            <numerusform>Send %n file by e-mail</numerusform>
            <numerusform>Send %n files by e-mail</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Your mail app is opening a new e-mail with %n file(s) attached; check it and send it from there.</source>
        <translation>
            <numerusform>Your mail app is opening a new e-mail with %n file attached; check it and send it from there.</numerusform>
            <numerusform>Your mail app is opening a new e-mail with %n files attached; check it and send it from there.</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>SharingNotice</name>
    <message numerus="yes">
        <source>Move these %n copies to the trash</source>
        <translation>
            <numerusform>Move %n copy to the trash</numerusform>
            <numerusform>Move these %n copies to the trash</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n copies could not be moved to the trash (%1); they are still where they were.</source>
        <translation>
            <numerusform>%n copy could not be moved to the trash (%1); it is still where it was.</numerusform>
            <numerusform>%n copies could not be moved to the trash (%1); they are still where they were.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%1 and %n more</source>
        <translation>
            <numerusform>%1 and %n more</numerusform>
            <numerusform>%1 and %n more</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Moved %n copy(s) to the trash: %1. The original(s) are untouched.</source>
        <translation>
            <numerusform>Moved %n copy to the trash: %1. The original is untouched.</numerusform>
            <numerusform>Moved %n copies to the trash: %1. The originals are untouched.</numerusform>
        </translation>
    </message>
</context>
</TS>
