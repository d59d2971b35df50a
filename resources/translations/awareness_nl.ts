<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="nl">
<context>
    <name>AwarenessPage</name>
    <message>
        <source>Reading your labelling history…</source>
        <translation>Je labelgeschiedenis wordt gelezen…</translation>
    </message>
    <message>
        <source>Scheme “%1”, version %2. Point at a cell, or move to it with the arrow keys, to read why and what to do instead.</source>
        <translation>Schema “%1”, versie %2. Wijs een vakje aan, of ga erheen met de pijltjestoetsen, om te lezen waarom en wat je in de plaats kunt doen.</translation>
    </message>
    <message>
        <source>Your labelling history could not be read: %1</source>
        <translation>Je labelgeschiedenis kon niet worden gelezen: %1</translation>
    </message>
    <message>
        <source>Labels you applied per day</source>
        <translation>Labels die je per dag toekende</translation>
    </message>
    <message>
        <source>Labels you applied per week</source>
        <translation>Labels die je per week toekende</translation>
    </message>
    <message numerus="yes">
        <source>In the last %n day(s) you applied </source>
        <translation>
            <numerusform>Op de laatste dag heb je </numerusform>
            <numerusform>In de laatste %n dagen heb je </numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>In the last %n week(s) you applied </source>
        <translation>
            <numerusform>In de laatste week heb je </numerusform>
            <numerusform>In de laatste %n weken heb je </numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n label(s).</source>
        <translation>
            <numerusform>%n label toegekend.</numerusform>
            <numerusform>%n labels toegekend.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n of your documents carry a label now.</source>
        <translation>
            <numerusform>%n van je documenten draagt nu een label.</numerusform>
            <numerusform>%n van je documenten dragen nu een label.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>You lowered or removed a label with a reason %n time(s).</source>
        <translation>
            <numerusform>Je hebt %n keer een label verlaagd of verwijderd met een reden.</numerusform>
            <numerusform>Je hebt %n keer een label verlaagd of verwijderd met een reden.</numerusform>
        </translation>
    </message>
    <message>
        <source>How you chose: %1 yourself, %2 as recommended, %3 the default label.</source>
        <translation>Hoe je koos: %1 keer zelf, %2 keer de aanbeveling, %3 keer het standaardlabel.</translation>
    </message>
    <message>
        <source>Your labelling</source>
        <translation>Jouw labels</translation>
    </message>
    <message>
        <source>Refresh</source>
        <translation>Vernieuwen</translation>
    </message>
    <message>
        <source>Read the audit log again</source>
        <translation>Het auditlogboek opnieuw lezen</translation>
    </message>
    <message>
        <source>Your documents by label</source>
        <translation>Je documenten per label</translation>
    </message>
    <message>
        <source>What each label allows</source>
        <translation>Wat elk label toestaat</translation>
    </message>
</context>
<context>
    <name>DistributionChart</name>
    <message>
        <source>%1%</source>
        <translation>%1%</translation>
    </message>
    <message numerus="yes">
        <source>%1: %n document(s), %2</source>
        <translation>
            <numerusform>%1: %n document, %2</numerusform>
            <numerusform>%1: %n documenten, %2</numerusform>
        </translation>
    </message>
    <message>
        <source>You haven&apos;t labelled anything yet — labels you apply will show up here.</source>
        <translation>Je hebt nog niets gelabeld — de labels die je toekent, verschijnen hier.</translation>
    </message>
    <message numerus="yes">
        <source>Your documents by their current label, %n in total</source>
        <translation>
            <numerusform>Je documenten volgens hun huidige label, %n in totaal</numerusform>
            <numerusform>Je documenten volgens hun huidige label, %n in totaal</numerusform>
        </translation>
    </message>
    <message>
        <source>Your documents by label</source>
        <translation>Je documenten per label</translation>
    </message>
</context>
<context>
    <name>HistoryModel</name>
    <message>
        <source>Time</source>
        <translation>Tijdstip</translation>
    </message>
    <message>
        <source>Change</source>
        <translation>Wijziging</translation>
    </message>
    <message>
        <source>Label</source>
        <translation>Label</translation>
    </message>
    <message>
        <source>File</source>
        <translation>Bestand</translation>
    </message>
    <message>
        <source>How chosen</source>
        <translation>Hoe gekozen</translation>
    </message>
    <message>
        <source>Justification</source>
        <translation>Reden</translation>
    </message>
    <message>
        <source>Removed</source>
        <translation>Verwijderd</translation>
    </message>
    <message>
        <source>Changed</source>
        <translation>Gewijzigd</translation>
    </message>
    <message>
        <source>Labelled</source>
        <translation>Gelabeld</translation>
    </message>
    <message>
        <source>By you</source>
        <translation>Door jou</translation>
    </message>
    <message>
        <source>Recommended</source>
        <translation>Aanbevolen</translation>
    </message>
    <message>
        <source>Default label</source>
        <translation>Standaardlabel</translation>
    </message>
    <message>
        <source>Put back</source>
        <translation>Teruggezet</translation>
    </message>
    <message>
        <source>Below the recommended %1</source>
        <translation>Lager dan aanbevolen (%1)</translation>
    </message>
    <message>
        <source>Below the recommended %1: %2</source>
        <translation>Lager dan aanbevolen (%1): %2</translation>
    </message>
    <message>
        <source>no label</source>
        <translation>geen label</translation>
    </message>
</context>
<context>
    <name>HistoryPage</name>
    <message>
        <source>Reading the audit log…</source>
        <translation>Het auditlogboek wordt gelezen…</translation>
    </message>
    <message>
        <source>The audit log could not be read: %1</source>
        <translation>Het auditlogboek kon niet worden gelezen: %1</translation>
    </message>
    <message numerus="yes">
        <source>%n change(s)</source>
        <translation>
            <numerusform>%n wijziging</numerusform>
            <numerusform>%n wijzigingen</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%1 of %n change(s)</source>
        <translation>
            <numerusform>%1 van %n wijziging</numerusform>
            <numerusform>%1 van %n wijzigingen</numerusform>
        </translation>
    </message>
    <message>
        <source>Your label history</source>
        <translation>Je labelgeschiedenis</translation>
    </message>
    <message>
        <source>Refresh</source>
        <translation>Vernieuwen</translation>
    </message>
    <message>
        <source>Read and check the audit log again</source>
        <translation>Het auditlogboek opnieuw lezen en controleren</translation>
    </message>
    <message>
        <source>&amp;Filter:</source>
        <translation>&amp;Filteren:</translation>
    </message>
    <message>
        <source>File, label, how chosen or justification</source>
        <translation>Bestand, label, hoe gekozen of reden</translation>
    </message>
    <message>
        <source>No label changes recorded yet. Every label you apply or remove will be listed here.</source>
        <translation>Er zijn nog geen labelwijzigingen vastgelegd. Elk label dat je toekent of verwijdert, verschijnt hier.</translation>
    </message>
    <message>
        <source>Label changes, newest first</source>
        <translation>Labelwijzigingen, nieuwste eerst</translation>
    </message>
</context>
<context>
    <name>IntegrityBanner</name>
    <message numerus="yes">
        <source>Audit log intact: %n entries</source>
        <translation>
            <numerusform>Auditlogboek intact: %n regel</numerusform>
            <numerusform>Auditlogboek intact: %n regels</numerusform>
        </translation>
    </message>
    <message>
        <source>Every label change below is recorded as it happened: nothing was changed or removed afterwards.</source>
        <translation>Elke labelwijziging hieronder staat erin zoals ze gebeurde: achteraf is niets gewijzigd of verwijderd.</translation>
    </message>
    <message>
        <source>The audit log was changed at line %1: %2</source>
        <translation>Het auditlogboek werd gewijzigd op regel %1: %2</translation>
    </message>
    <message>
        <source>The audit log was changed: %2</source>
        <translation>Het auditlogboek werd gewijzigd: %2</translation>
    </message>
    <message numerus="yes">
        <source>The first %n entries are intact; the entries from that point on cannot be trusted. Tell your IT department.</source>
        <translation>
            <numerusform>De eerste regel is intact; vanaf dat punt zijn de regels niet meer betrouwbaar. Verwittig je IT-afdeling.</numerusform>
            <numerusform>De eerste %n regels zijn intact; vanaf dat punt zijn de regels niet meer betrouwbaar. Verwittig je IT-afdeling.</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>SharingMatrix</name>
    <message>
        <source>Allowed</source>
        <translation>Toegestaan</translation>
    </message>
    <message>
        <source>Conditions</source>
        <translation>Voorwaarden</translation>
    </message>
    <message>
        <source>Forbidden</source>
        <translation>Verboden</translation>
    </message>
    <message>
        <source>Condition: %1</source>
        <translation>Voorwaarde: %1</translation>
    </message>
    <message>
        <source>Instead: %1</source>
        <translation>In de plaats: %1</translation>
    </message>
    <message>
        <source>Choose a cell (click it, or use the arrow keys) to read why, under which conditions, and what to do instead.</source>
        <translation>Kies een vakje (klik erop of gebruik de pijltjestoetsen) om te lezen waarom, onder welke voorwaarden en wat je in de plaats kunt doen.</translation>
    </message>
    <message>
        <source>Export to PDF…</source>
        <translation>Exporteren als pdf…</translation>
    </message>
    <message>
        <source>Save this table as an A4 PDF, with every condition written out</source>
        <translation>Deze tabel bewaren als A4-pdf, met alle voorwaarden uitgeschreven</translation>
    </message>
    <message>
        <source>Print…</source>
        <translation>Afdrukken…</translation>
    </message>
    <message>
        <source>What each label allows, per sharing channel</source>
        <translation>Wat elk label toestaat, per manier van delen</translation>
    </message>
    <message>
        <source>%1 – sharing rules</source>
        <translation>%1 – regels voor delen</translation>
    </message>
    <message>
        <source>Export the sharing rules as PDF</source>
        <translation>De regels voor delen exporteren als pdf</translation>
    </message>
    <message>
        <source>PDF documents (*.pdf)</source>
        <translation>Pdf-documenten (*.pdf)</translation>
    </message>
    <message>
        <source>Saving %1…</source>
        <translation>%1 wordt bewaard…</translation>
    </message>
    <message>
        <source>Saved to %1</source>
        <translation>Bewaard als %1</translation>
    </message>
    <message>
        <source>The PDF could not be saved: %1</source>
        <translation>De pdf kon niet worden bewaard: %1</translation>
    </message>
    <message>
        <source>Print the sharing rules</source>
        <translation>De regels voor delen afdrukken</translation>
    </message>
    <message>
        <source>What each label allows: %1</source>
        <translation>Wat elk label toestaat: %1</translation>
    </message>
    <message>
        <source>Label</source>
        <translation>Label</translation>
    </message>
    <message>
        <source>Version %1</source>
        <translation>Versie %1</translation>
    </message>
    <message>
        <source>printed on %1</source>
        <translation>afgedrukt op %1</translation>
    </message>
    <message>
        <source>◐ cells give the condition; ✘ cells say what to do instead.</source>
        <translation>Vakjes met ◐ geven de voorwaarde; vakjes met ✘ zeggen wat je in de plaats kunt doen.</translation>
    </message>
</context>
<context>
    <name>SharingMomentsCard</name>
    <message>
        <source>No document has needed a word at the moment of sharing yet. When one does, what you chose afterwards shows here.</source>
        <translation>Nog geen enkel document had een woord nodig op het moment van delen. Zodra dat gebeurt, zie je hier wat je daarna koos.</translation>
    </message>
    <message numerus="yes">
        <source>Labeler explained a label %n time(s) where a document was leaving.</source>
        <translation>
            <numerusform>Labeler legde %n keer een label uit waar een document wegging.</numerusform>
            <numerusform>Labeler legde %n keer een label uit waar een document wegging.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n time(s) the better way was taken: the copy taken back or the collaboration space used.</source>
        <translation>
            <numerusform>%n keer werd de betere weg gekozen: de kopie teruggenomen of de samenwerkingsomgeving gebruikt.</numerusform>
            <numerusform>%n keer werd de betere weg gekozen: de kopie teruggenomen of de samenwerkingsomgeving gebruikt.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n moved to the trash</source>
        <translation>
            <numerusform>%n naar de prullenbak verplaatst</numerusform>
            <numerusform>%n naar de prullenbak verplaatst</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>the collaboration space opened %n time(s)</source>
        <translation>
            <numerusform>de samenwerkingsomgeving %n keer geopend</numerusform>
            <numerusform>de samenwerkingsomgeving %n keer geopend</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n kept with a reason</source>
        <translation>
            <numerusform>%n met een reden gehouden</numerusform>
            <numerusform>%n met een reden gehouden</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n closed without a choice</source>
        <translation>
            <numerusform>%n zonder keuze gesloten</numerusform>
            <numerusform>%n zonder keuze gesloten</numerusform>
        </translation>
    </message>
    <message>
        <source>What you chose afterwards: %1.</source>
        <translation>Wat je daarna koos: %1.</translation>
    </message>
    <message numerus="yes">
        <source>%n could go</source>
        <translation>
            <numerusform>%n mocht gaan</numerusform>
            <numerusform>%n mochten gaan</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n kept back as the label asks</source>
        <translation>
            <numerusform>%n tegengehouden zoals het label vraagt</numerusform>
            <numerusform>%n tegengehouden zoals het label vraagt</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n not sent, as its conditions were not confirmed</source>
        <translation>
            <numerusform>%n niet verstuurd: voorwaarden niet bevestigd</numerusform>
            <numerusform>%n niet verstuurd: voorwaarden niet bevestigd</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>You checked %n file(s) before sharing them: %1.</source>
        <translation>
            <numerusform>Je controleerde %n bestand voor je het deelde: %1.</numerusform>
            <numerusform>Je controleerde %n bestanden voor je ze deelde: %1.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n document(s) arrived during quiet hours or with notifications off: recorded, not shown.</source>
        <translation>
            <numerusform>%n document kwam binnen tijdens de stille uren of met meldingen uit: vastgelegd, niet getoond.</numerusform>
            <numerusform>%n documenten kwamen binnen tijdens de stille uren of met meldingen uit: vastgelegd, niet getoond.</numerusform>
        </translation>
    </message>
    <message>
        <source>Moments of sharing</source>
        <translation>Momenten van delen</translation>
    </message>
    <message>
        <source>Counted per document, from the audit trail on this computer.</source>
        <translation>Per document geteld, uit het auditlogboek op deze computer.</translation>
    </message>
</context>
<context>
    <name>TimelineChart</name>
    <message>
        <source>You haven&apos;t labelled anything yet — labels you apply will show up here.</source>
        <translation>Je hebt nog niets gelabeld — de labels die je toekent, verschijnen hier.</translation>
    </message>
    <message>
        <source>Week of %1</source>
        <translation>Week van %1</translation>
    </message>
    <message numerus="yes">
        <source>%1: %n label(s) applied</source>
        <translation>
            <numerusform>%1: %n label toegekend</numerusform>
            <numerusform>%1: %n labels toegekend</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Labels you applied per day over the last %n day(s)</source>
        <translation>
            <numerusform>Labels die je toekende op de laatste dag</numerusform>
            <numerusform>Labels die je per dag toekende in de laatste %n dagen</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Labels you applied per week over the last %n week(s)</source>
        <translation>
            <numerusform>Labels die je toekende in de laatste week</numerusform>
            <numerusform>Labels die je per week toekende in de laatste %n weken</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n in total</source>
        <translation>
            <numerusform>%n in totaal</numerusform>
            <numerusform>%n in totaal</numerusform>
        </translation>
    </message>
    <message>
        <source>Labels applied over time</source>
        <translation>Toegekende labels in de tijd</translation>
    </message>
</context>
<context>
    <name>TipsCard</name>
    <message>
        <source>%1 of %2</source>
        <translation>%1 van %2</translation>
    </message>
    <message>
        <source>Tip</source>
        <translation>Tip</translation>
    </message>
    <message>
        <source>‹ Previous</source>
        <translation>‹ Vorige</translation>
    </message>
    <message>
        <source>The previous tip</source>
        <translation>De vorige tip</translation>
    </message>
    <message>
        <source>Next ›</source>
        <translation>Volgende ›</translation>
    </message>
    <message>
        <source>The next tip</source>
        <translation>De volgende tip</translation>
    </message>
</context>
</TS>
