<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="nl">
<context>
    <name></name>
    <message>
        <source>never</source>
        <translation>nooit</translation>
    </message>
    <message>
        <source>The administrator&apos;s settings could not all be used: %1</source>
        <translation>De instellingen van je beheerder konden niet allemaal worden gebruikt: %1</translation>
    </message>
    <message>
        <source>The log folder %1 could not be opened.</source>
        <translation>De logmap %1 kon niet worden geopend.</translation>
    </message>
    <message>
        <source>Set by your administrator</source>
        <translation>Ingesteld door je beheerder</translation>
    </message>
    <message>
        <source>Your settings could not be saved: %1. The change applies until Labeler quits.</source>
        <translation>Je instellingen konden niet worden opgeslagen: %1. De wijziging geldt tot Labeler stopt.</translation>
    </message>
    <message>
        <source>Saved</source>
        <translation>Opgeslagen</translation>
    </message>
    <message>
        <source>Watch a folder</source>
        <translation>Een map bewaken</translation>
    </message>
    <message>
        <source>%1 is already watched.</source>
        <translation>%1 wordt al bewaakt.</translation>
    </message>
    <message>
        <source>Quiet hours need a different start and end time.</source>
        <translation>Voor stille uren moeten het begin- en eindtijdstip verschillen.</translation>
    </message>
    <message>
        <source>Adding the entries…</source>
        <translation>De menu-items worden toegevoegd…</translation>
    </message>
    <message>
        <source>Removing the entries…</source>
        <translation>De menu-items worden verwijderd…</translation>
    </message>
    <message>
        <source>The right-click menu could not be changed: %1</source>
        <translation>Het rechtsklikmenu kon niet worden gewijzigd: %1</translation>
    </message>
    <message>
        <source>This system has no file manager Labeler can add an entry to.</source>
        <translation>Dit systeem heeft geen bestandsbeheerder waaraan Labeler een menu-item kan toevoegen.</translation>
    </message>
    <message>
        <source>Problem: %1</source>
        <translation>Probleem: %1</translation>
    </message>
    <message>
        <source>Installed</source>
        <translation>Geïnstalleerd</translation>
    </message>
    <message>
        <source>Installed, but from another version — install again to update</source>
        <translation>Geïnstalleerd, maar van een andere versie — installeer opnieuw om bij te werken</translation>
    </message>
    <message>
        <source>Not installed: a file of the same name that Labeler did not write is in the way</source>
        <translation>Niet geïnstalleerd: een bestand met dezelfde naam dat niet van Labeler is, staat in de weg</translation>
    </message>
    <message>
        <source>Not installed</source>
        <translation>Niet geïnstalleerd</translation>
    </message>
    <message>
        <source>(this file manager is not on this computer)</source>
        <translation>(deze bestandsbeheerder staat niet op deze computer)</translation>
    </message>
    <message>
        <source>“Label…” was added to the right-click menu of: %1. Restart the file manager if it is open.</source>
        <translation>“Label…” is toegevoegd aan het rechtsklikmenu van: %1. Start de bestandsbeheerder opnieuw als die open is.</translation>
    </message>
    <message>
        <source>“Label…” was removed from the right-click menu of: %1.</source>
        <translation>“Label…” is verwijderd uit het rechtsklikmenu van: %1.</translation>
    </message>
    <message>
        <source>%1: %2</source>
        <translation>%1: %2</translation>
    </message>
    <message>
        <source>Checking the administrator&apos;s source…</source>
        <translation>De bron van je beheerder wordt gecontroleerd…</translation>
    </message>
    <message>
        <source>Built-in demo scheme — no administrator source is configured.</source>
        <translation>Ingebouwd demoschema — er is geen bron van een beheerder ingesteld.</translation>
    </message>
    <message>
        <source>Built-in demo scheme — no scheme from the administrator&apos;s source has been accepted yet.</source>
        <translation>Ingebouwd demoschema — er is nog geen schema van de bron van je beheerder aanvaard.</translation>
    </message>
    <message>
        <source>The scheme of your organisation, signed by your administrator.</source>
        <translation>Het schema van je organisatie, ondertekend door je beheerder.</translation>
    </message>
    <message>
        <source>The administrator&apos;s settings file cannot be used: %1</source>
        <translation>Het instellingenbestand van je beheerder kan niet worden gebruikt: %1</translation>
    </message>
    <message>
        <source>built in</source>
        <translation>ingebouwd</translation>
    </message>
    <message>
        <source>not signed (built in)</source>
        <translation>niet ondertekend (ingebouwd)</translation>
    </message>
    <message>
        <source>valid</source>
        <translation>geldig</translation>
    </message>
    <message>
        <source>not verified</source>
        <translation>niet gecontroleerd</translation>
    </message>
    <message>
        <source>none</source>
        <translation>geen</translation>
    </message>
    <message>
        <source>A new scheme was accepted: version %1 is now in force.</source>
        <translation>Een nieuw schema is aanvaard: versie %1 is nu van kracht.</translation>
    </message>
    <message>
        <source>The scheme is up to date.</source>
        <translation>Het schema is up-to-date.</translation>
    </message>
    <message>
        <source>The check found no usable new scheme; see “Last problem”.</source>
        <translation>De controle vond geen bruikbaar nieuw schema; zie “Laatste probleem”.</translation>
    </message>
    <message>
        <source>The check could not be done: %1</source>
        <translation>De controle kon niet worden uitgevoerd: %1</translation>
    </message>
    <message>
        <source>you</source>
        <translation>jij</translation>
    </message>
    <message>
        <source>label scheme</source>
        <translation>labelschema</translation>
    </message>
    <message>
        <source>Add a sharing place</source>
        <translation>Een deelplaats toevoegen</translation>
    </message>
    <message>
        <source>%1 is already a sharing place.</source>
        <translation>%1 is al een deelplaats.</translation>
    </message>
</context>
<context>
    <name>FoldersPage</name>
    <message>
        <source>Folders</source>
        <translation>Mappen</translation>
    </message>
    <message>
        <source>&amp;Watch these folders (and their subfolders) for new documents without a label:</source>
        <translation>Deze mappen (en hun submappen) &amp;bewaken op nieuwe documenten zonder label:</translation>
    </message>
    <message>
        <source>&amp;Add folder…</source>
        <translation>Map &amp;toevoegen…</translation>
    </message>
    <message>
        <source>&amp;Remove</source>
        <translation>&amp;Verwijderen</translation>
    </message>
    <message>
        <source>&amp;Never ask about documents in these folders:</source>
        <translation>&amp;Nooit vragen naar documenten in deze mappen:</translation>
    </message>
    <message>
        <source>As&amp;k again</source>
        <translation>Opnieuw vr&amp;agen</translation>
    </message>
</context>
<context>
    <name>GeneralPage</name>
    <message>
        <source>General</source>
        <translation>Algemeen</translation>
    </message>
    <message>
        <source>&amp;Language:</source>
        <translation>&amp;Taal:</translation>
    </message>
    <message>
        <source>As the system</source>
        <translation>Zoals het systeem</translation>
    </message>
    <message>
        <source>&amp;Start Labeler when I log in</source>
        <translation>Labeler &amp;starten wanneer ik me aanmeld</translation>
    </message>
    <message>
        <source>Labeler then watches your folders from the moment you log in. This applies to your user account only.</source>
        <translation>Labeler bewaakt je mappen dan vanaf het moment dat je je aanmeldt. Dit geldt alleen voor je gebruikersaccount.</translation>
    </message>
    <message>
        <source>Labeler writes the problems it meets to a log file. Your administrator may ask for it; it holds no document content.</source>
        <translation>Labeler schrijft de problemen die het tegenkomt naar een logbestand. Uw beheerder kan erom vragen; er staat geen inhoud van documenten in.</translation>
    </message>
    <message>
        <source>Open &amp;log folder</source>
        <translation>&amp;Logmap openen</translation>
    </message>
</context>
<context>
    <name>MenuPage</name>
    <message>
        <source>Right-click menu</source>
        <translation>Rechtsklikmenu</translation>
    </message>
    <message>
        <source>Adds “Label…” to the right-click menu of your file manager, for your user account only. No administrator rights are needed.</source>
        <translation>Voegt “Label…” toe aan het rechtsklikmenu van je bestandsbeheerder, alleen voor je gebruikersaccount. Daarvoor zijn geen beheerdersrechten nodig.</translation>
    </message>
    <message>
        <source>File manager</source>
        <translation>Bestandsbeheerder</translation>
    </message>
    <message>
        <source>State</source>
        <translation>Toestand</translation>
    </message>
    <message>
        <source>&amp;Install</source>
        <translation>&amp;Installeren</translation>
    </message>
    <message>
        <source>&amp;Uninstall</source>
        <translation>&amp;Verwijderen</translation>
    </message>
</context>
<context>
    <name>NotificationsPage</name>
    <message>
        <source>Notifications</source>
        <translation>Meldingen</translation>
    </message>
    <message>
        <source>&amp;Tell me when new documents need a label</source>
        <translation>&amp;Meld het wanneer nieuwe documenten een label nodig hebben</translation>
    </message>
    <message>
        <source>&amp;Quiet hours (no notifications)</source>
        <translation>&amp;Stille uren (geen meldingen)</translation>
    </message>
    <message>
        <source>&amp;From</source>
        <translation>&amp;Van</translation>
    </message>
    <message>
        <source>&amp;until</source>
        <translation>&amp;tot</translation>
    </message>
    <message>
        <source>Documents found during quiet hours wait until they are over. The hours may span midnight, e.g. from 22:00 until 07:00.</source>
        <translation>Documenten die tijdens de stille uren gevonden worden, wachten tot die voorbij zijn. De uren mogen over middernacht lopen, bijvoorbeeld van 22:00 tot 07:00.</translation>
    </message>
</context>
<context>
    <name>SchemePage</name>
    <message>
        <source>Label scheme</source>
        <translation>Labelschema</translation>
    </message>
    <message>
        <source>Name:</source>
        <translation>Naam:</translation>
    </message>
    <message>
        <source>Id:</source>
        <translation>Id:</translation>
    </message>
    <message>
        <source>Version:</source>
        <translation>Versie:</translation>
    </message>
    <message>
        <source>Source:</source>
        <translation>Bron:</translation>
    </message>
    <message>
        <source>Signature:</source>
        <translation>Handtekening:</translation>
    </message>
    <message>
        <source>Signed with key:</source>
        <translation>Ondertekend met sleutel:</translation>
    </message>
    <message>
        <source>Last check:</source>
        <translation>Laatste controle:</translation>
    </message>
    <message>
        <source>Last successful check:</source>
        <translation>Laatste geslaagde controle:</translation>
    </message>
    <message>
        <source>Last problem:</source>
        <translation>Laatste probleem:</translation>
    </message>
    <message>
        <source>Admin settings file:</source>
        <translation>Instellingenbestand van de beheerder:</translation>
    </message>
    <message>
        <source>&amp;Check now</source>
        <translation>Nu &amp;controleren</translation>
    </message>
</context>
<context>
    <name>SettingsView</name>
    <message>
        <source>General</source>
        <translation>Algemeen</translation>
    </message>
    <message>
        <source>Folders</source>
        <translation>Mappen</translation>
    </message>
    <message>
        <source>Notifications</source>
        <translation>Meldingen</translation>
    </message>
    <message>
        <source>Sharing places</source>
        <translation>Deelplaatsen</translation>
    </message>
    <message>
        <source>Right-click menu</source>
        <translation>Rechtsklikmenu</translation>
    </message>
    <message>
        <source>Label scheme</source>
        <translation>Labelschema</translation>
    </message>
    <message>
        <source>Close</source>
        <translation>Sluiten</translation>
    </message>
</context>
<context>
    <name>SettingsWindow</name>
    <message>
        <source>Settings</source>
        <translation>Instellingen</translation>
    </message>
</context>
<context>
    <name>SharingPlacesPage</name>
    <message>
        <source>Sharing places</source>
        <translation>Deelplaatsen</translation>
    </message>
    <message>
        <source>When a labelled document is copied into one of these folders, Labeler explains what its label allows there and offers a better way. Nothing is blocked.</source>
        <translation>Wanneer een document met een label naar een van deze mappen wordt gekopieerd, legt Labeler uit wat het label daar toestaat en wijst het een betere weg. Er wordt niets geblokkeerd.</translation>
    </message>
    <message>
        <source>&amp;Folders where documents leave your hands:</source>
        <translation>&amp;Mappen waar documenten je handen verlaten:</translation>
    </message>
    <message>
        <source>Folder</source>
        <translation>Map</translation>
    </message>
    <message>
        <source>Channel</source>
        <translation>Kanaal</translation>
    </message>
    <message>
        <source>Set by</source>
        <translation>Ingesteld door</translation>
    </message>
    <message>
        <source>C&amp;hannel for a new folder:</source>
        <translation>&amp;Kanaal voor een nieuwe map:</translation>
    </message>
    <message>
        <source>&amp;Add folder…</source>
        <translation>Map &amp;toevoegen…</translation>
    </message>
    <message>
        <source>&amp;Remove</source>
        <translation>&amp;Verwijderen</translation>
    </message>
    <message>
        <source>The label scheme&apos;s places are set by your administrator; you can add your own and remove those again.</source>
        <translation>De plaatsen van het labelschema stelt je beheerder in; je kunt er eigen mappen bij zetten en die weer verwijderen.</translation>
    </message>
</context>
</TS>
