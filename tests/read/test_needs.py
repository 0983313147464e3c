"""A stated pain and a stated need are read by their grammar, not by enumerated phrasings: effort
and difficulty (`pain`), a requester's own need for their own work (`first-person`), and the
commonest words of a defect or a need in other trackers' languages. Each shape fires on
phrasings the lists never spell out, and stays quiet on a benefit, the team's own wish or a bare
request; checked on the list, through its family, and through the whole audit as a user runs it."""

from __future__ import annotations

import json

import pytest
import yaml

from breadline import words
from breadline.match import compile_phrases
from breadline.read import FAMILIES

from tests.read.test_failure_grammar import lead_of
from tests.read.test_families import item_words

FAMILY = {family.name: family for family in FAMILIES}

PAIN = (
    # Work forced on someone, and how.
    ("Cards || Now, we have to manually move cards from one column to the other.", True),
    ("Orders || You need to re-enter each order by hand in the shipping tool.", True),
    ("Tags || I have to add the tag to every document one at a time.", True),
    # Forced to go the long way.
    ("Invoice PDF || Customers have to scroll way down if the list is long.", True),
    ("Split tunnelling || Currently, we need to turn the vpn off to change the configuration.", True),
    ("Rules || Currently I have to open every book to see who can read it.", True),
    # Hard to do or to use.
    ("Gantt View || The Calendar View becomes complicated to read with many long tasks.", True),
    ("Polls || Picking ten slots is really tedious to set up for a whole week.", True),
    ("Reports || It is quite awkward for accountants to find last month's totals.", True),
    # What it costs.
    ("Bulk import || Importing one by one is too much trouble.", True),
    ("Outline || Long pads mean a lot of scrolling.", True),
    ("Big tables || Sorting a large table takes too much time.", True),
    ("Digest docs || I spent hours trying to figure out how digests of one item behave.", True),
    ("Jitsi || Many of our participants have trouble using it in the browser.", True),
    ("Setup || I had a hard time setting up the mail server.", True),
    ("Filters || We are wasting days every month rebuilding the same filters.", True),
    ("Pin environments || I switch collections a lot and it's a hassle to select the environment every time.", True),
    # Benefits, specs and the team's own work are not someone's pain.
    ("Bulk edit || Bulk edit saves the hours spent on each row.", False),
    ("Import orders || The user can click a button which grabs the orders from the shop.", False),
    ("Refactor the invoice module || Split it in two files.", False),
    ("Release notes || We publish them on Fridays.", False),
    ("Time tracking || Add a report of the hours spent per project.", False),
    ("Build || We have problems with the build on Windows.", False),
)


@pytest.mark.parametrize(("example", "fires"), PAIN, ids=[f"pain-{i}" for i in range(len(PAIN))])
def test_the_pain_list_reads_the_grammar_of_effort(example, fires):
    said = compile_phrases(words.builtin("pain")).search(lead_of(example))
    if fires:
        assert said and said.lower() in lead_of(example).lower(), example
    else:
        assert not said, f"pain reads {said!r} in {example!r}"


@pytest.mark.parametrize(("example", "who"), [
    ("Cards || Now, we have to manually move cards from one column to the other.", "the person reporting this"),
    ("Digest docs || I spent hours trying to figure out how digests of one item behave.", "the person reporting this"),
    ("Invoice PDF || With the totals at the bottom, customers have to scroll way down.", "customers"),
    # Pain that names nobody draws the problem only: another signal must name who bears it.
    ("Gantt View || The Calendar View becomes complicated to read with many long tasks.", None),
    ("Pin data || Opening each node is time consuming.", None),
])
def test_pain_names_who_bears_it_only_when_its_sentence_does(example, who):
    clue = FAMILY["pain"].find(item_words(example), words.builtin)
    assert clue is not None and clue.certainty == "likely"
    assert clue.who == who
    assert clue.problem and clue.quote.lower() in clue.problem.lower()


def audit_row(cli, tmp_path, example: str) -> dict:
    title, _, description = (part.strip() for part in example.partition(" || "))
    item = {"id": "R-1", "title": title, **({"description": description} if description else {})}
    path = tmp_path / "backlog.yaml"
    path.write_text(yaml.safe_dump({"items": [item]}), encoding="utf-8")
    result = cli("audit", "--all", "-f", "json", path)
    assert result.exit_code in (0, 1), result.stderr
    return json.loads(result.stdout)["items"][0]


@pytest.mark.parametrize(("example", "superfluous"), [
    ("Add drag and drop of cards || Now, we have to manually move cards from one column to the other.", False),
    ("Split tunnelling while connected || Currently, we need to turn the vpn off to change the configuration.", False),
    ("Bulk edit || Bulk edit saves the hours spent on each row.", True),
    ("Add a time report || Add a report of the hours spent per project.", True),
    ("The user can manually import the orders || The user can click a button which grabs the orders.", True),
])
def test_the_audit_traces_a_pain_someone_tells(cli, tmp_path, example, superfluous):
    row = audit_row(cli, tmp_path, example)
    assert (row["verdict"] == "superfluous") is superfluous, (example, row["verdict"], row["score"])


def test_explain_names_the_pain_its_strength_and_words(cli, tmp_path):
    path = tmp_path / "backlog.yaml"
    path.write_text(yaml.safe_dump({"items": [{"id": "R-1", "title": "Add drag and drop of cards",
                                               "description": "Now, we have to manually move cards."}]}),
                    encoding="utf-8")
    out = " ".join(cli("explain", "R-1", path).stdout.split())
    assert "likely, pain: “have to manually" in out, out


OWN_NEEDS = (
    # A need, a must or a cannot, and what is theirs.
    ("Labels || How can we create labels for our orders that were created manually?", True),
    ("Export || We need to export all invoices to our accounting software every month.", True),
    ("Workouts || We are unable to track our workouts since the update.", True),
    ("Integration || I would like to be able to link my Zammad tickets to YouTrack issues.", True),
    # A need and its use.
    ("EML || Sometimes I receive spam messages and would like to save those in EML format, so I can upload them.",
     True),
    # What worries or blocks the writer.
    ("Offline checkout || It's my biggest worry for taking the system live in a supermarket.", True),
    ("Events || My issue: custom events are never recorded.", True),
    ("Timesheets || At least for myself, I'd love to be able to export my timesheet to share it.", True),
    ("Quote to invoice || I have a problem. When I create a quote and save it, the invoice shows old data.", True),
    ("Exports || I'm having trouble with the nightly export.", True),
    # The team's own wishes stay quiet.
    ("Refactor || We need to refactor our code before the release.", False),
    ("Docs || We should update our docs for the new API.", False),
    ("Template || We need to develop a presentation template for our mentors.", False),
    ("Retrospective || We want to have a retrospective document so that we can take notes.", False),
    ("Tracker || Move the tickets to our issue tracker.", False),
    ("CI || We want to speed up our CI pipeline.", False),
    ("CI || We have an issue with the CI on Windows.", False),
    ("Templates || I have an issue template ready for review.", False),
    # A bare request names no one it helps.
    ("Can we remove sign up || Can we remove sign up?", False),
    ("Heatmaps || Add heatmaps to the dashboard.", False),
)


@pytest.mark.parametrize(("example", "fires"), OWN_NEEDS, ids=[f"own-need-{i}" for i in range(len(OWN_NEEDS))])
def test_the_own_needs_list_reads_a_requesters_need_by_its_grammar(example, fires):
    """What a line matches is the requester's own need unless `team-work` stands in it."""
    said = compile_phrases(words.builtin("own-needs")).search(lead_of(example))
    if said and compile_phrases(words.builtin("team-work")).search(said):
        said = None
    if fires:
        assert said and said.lower() in lead_of(example).lower(), example
    else:
        assert not said, f"own-needs reads {said!r} in {example!r}"


@pytest.mark.parametrize(("example", "fires"), OWN_NEEDS, ids=[f"own-need-family-{i}" for i in range(len(OWN_NEEDS))])
def test_the_first_person_family_reads_an_own_need(example, fires):
    clue = FAMILY["first-person"].find(item_words(example), words.builtin)
    if fires:
        assert clue is not None and clue.certainty == "likely" and clue.who == "the person reporting this", clue
    else:
        assert clue is None or clue.certainty == "hinted", f"first-person fires on {example!r}: {clue}"


def test_an_own_need_past_the_lead_is_read():
    """A need often follows a greeting and a setting: it is looked for in the first 1,500
    characters, past the three sentences of the lead, but not past them."""
    greeting = "Thanks for this package. It helps our project a lot. We have some questions. "
    need = "How can we create labels for our orders that were created manually?"
    clue = FAMILY["first-person"].find(item_words(f"PrintLabel || {greeting}{need}"), words.builtin)
    assert clue is not None and clue.quote.startswith("How can we create labels for our orders")
    need = "How can we create labels for our orders?"
    far = FAMILY["first-person"].find(item_words(f"PrintLabel || {greeting * 25}{need}"), words.builtin)
    assert far is None


@pytest.mark.parametrize(("example", "superfluous"), [
    ("PrintLabel, get carriers lbs price || Thanks for this package. It helps our project. We have questions. "
     "How can we create labels for our orders that were created manually?", False),
    ("Feature request: Offline checkout || Receipts would print offline, but it's my biggest worry for taking "
     "the system live in an actual supermarket.", False),
    ("Refactor the exporter || We need to refactor our code before the release.", True),
    ("Sprint retrospective || We want to have a retrospective document so that we can take notes.", True),
    ("Can we remove sign up || Can we remove sign up?", True),
])
def test_the_audit_traces_a_requesters_own_need(cli, tmp_path, example, superfluous):
    row = audit_row(cli, tmp_path, example)
    assert (row["verdict"] == "superfluous") is superfluous, (example, row["verdict"], row["score"])


def test_explain_names_the_own_need_its_strength_and_words(cli, tmp_path):
    path = tmp_path / "backlog.yaml"
    path.write_text(yaml.safe_dump({"items": [{"id": "R-1", "title": "PrintLabel", "description":
                                               "Thanks for this. How can we create labels for our orders?"}]}),
                    encoding="utf-8")
    out = " ".join(cli("explain", "R-1", path).stdout.split())
    assert "likely, first-person: “How can we create labels for our orders" in out, out


ABROAD = {
    # list: (items on which it must fire, items on which it must stay quiet), in the trackers'
    # other languages: Spanish, Portuguese, French, German, Italian, Dutch, Russian, Ukrainian,
    # Polish, Czech, Romanian, Hungarian, Croatian, Greek, Finnish, the Scandinavian languages,
    # Turkish, Indonesian, Chinese, Japanese, Vietnamese.
    "failures-abroad": (
        (
            "Total || El total de la factura no se muestra en el PDF.",
            "Login || Cuando le doy confirmar compra se queda en pantalla en blanco.",
            "Relatório || O relatório não carrega depois da atualização.",
            "Pedido || Bug/pedido duplicado no checkout.",
            "Factures || La facture ne s'affiche pas dans le portail client.",
            "Rechnungen || Die Rechnung wird nicht angezeigt, wenn der Kunde sie öffnet.",
            "登录 || 更新后无法登录系统。",
            "导出 || 导出报表时报错。",
            "出勤打刻エラー || 出勤打刻でエラー画面が表示されました。",
            "納品書 || 納品書に間違った数量が表示されます。",
            "PRO- Portal không ghi nhận giấy chứng nhận bảo hiểm",
            "Đồng bộ || Ứng dụng bị lỗi khi đồng bộ đơn hàng.",
            "Autofattura || Impossibile inviare l'autofattura allo SDI.",
            "Ordini || Gli ordini non vengono visualizzati nel pannello.",
            "Обмен с 1С || Не выгружаются заказы в 1С после обновления.",
            "Оплата || При оплате картой появляется ошибка.",
            "Faktury || Faktura nie wyświetla się w panelu klienta.",
            "Fatura || Faturayı oluşturduğumda sistem çalışmıyor.",
            "Recibos || No puedo reimprimir los recibos de caja.",
            "Fatura || Não conseguimos gerar a nova fatura.",
            "Pedidos || Os pedidos não são exibidos na área do cliente.",
            "Factures || Je n'arrive pas à payer les factures en ligne.",
            "[PDF] Import fehlerhaft",
            "Anzeigefehler || Beim Speichern hakt die Anzeige.",
            "Credenziali || Non riesco ad avere le credenziali definitive.",
            "Статусы заказа не обновляются в магазине",
            "Logowanie || Nie mogę się zalogować po aktualizacji.",
            "報表 || 業績報表數字有誤。",
            "编译 || 在线编译超时。",
            "导出PDF是空白的",
            "Ошибка шаблонизации || Если нажать на вкладку «Заказы», открывается пустая страница.",
            "Orçamentos || Erro ao abrir meus orçamentos.",
            "Bestellungen || Beim Checkout wird mir manchmal ein Fehler angezeigt.",
            "NFe || Rejeição: Falha no Schema XML do lote.",
            "Pagamento || Problema com o pagamento por boleto.",
            "Factures || Les factures sont fausses quand la TVA change.",
            "Zahlung || Die Zahlung ist fehlgeschlagen.",
            "Gutschrift || Rechnung wird nicht erstellt, wenn ich abrechne.",
            "DATEV-Export || Die Anfangsbilanz wird nicht mit exportiert.",
            "Платёж || Проблема с инициализацией платежа.",
            "Fatura || Fatura tutarı yanlış.",
            "Login || Tidak bisa login ke dashboard.",
            "پرداخت || هنگام پرداخت مجدد خطا می‌دهد.",
            "الدفع || الدفع لا يعمل بعد التحديث.",
            "תשלום || התשלום לא עובד.",
            "결제 || 결제 테스트가 안됩니다.",
            "후원 || 결제오류가 발생합니다.",
            "后台 || 后台登录不了。",
            'Ordini || Non vengono inviate le email di conferma ai clienti.',
            'EMAIL NON PARTONO',
            'Newsletter || Die Newsletter kommt doppelt an.',
            'Summen || Die Rabatte sind nicht korrekt in der Rechnung.',
            'Pedido || O pedido não foi encontrado após o pagamento.',
            'Rejeição 539: Duplicidade de NF-e',
            'Boleto || Estou enfrentando um problema com o boleto registrado.',
            'Paiement || Quand je clique sur Payer, rien ne se passe.',
            'Connexion impossible depuis hier',
            'Lenteur de la page des factures',
            '订单状态 || 付款后订单状态没有变化',
            '报表 || 报表页面加载很久',
            '验证码 || 用户未收到验证码短信',
            '请求书のレイアウトが崩れる',
            '注文が二重に表示される',
            'Сумма || Итоговая сумма не совпадает с отчётом.',
            'Оплата || Невозможно оплатить заказ картой.',
            'Fatura || Faturayı gönderemiyorum.',
            'Số tiền không đúng trên hóa đơn',
            'Paiement || Le bouton Payer ne fonctionne plus depuis la mise à jour.',
            'Заказ || Неверная сумма к оплате в заказе.',
            'Оплата || Корзина сломалась после обновления.',
            'Каталог || Страница каталога не грузится в Safari.',
            '报表查询不了',
            '更新后微信支付不回调',
            'Boleto || Desconto não aplicado no boleto.',
            'Total || O total não confere com o pedido.',
            'Beleg || Der Gesamtpreis wird nicht neu berechnet.',
            'Login nicht möglich',
            'Stampa fattura non possibile.',
            'Ordine || Non mi appare il pulsante di pagamento.',
            'Informe || El valor del IVA en el reporte impreso está mal.',
            'Caja || En caja no refleja los descuentos realizados.',
            'Reportes || Los reportes tardan demasiado en cargar.',
            'Comissão || Várias colunas erradas no relatório.',
            'Korekta || Nie da się wystawić korekty do faktury.',
            'Cliente || In alto viene visualizzato "Modifica gruppo" invece di "Modifica cliente".',
            'PHP 7.4 || Após isso a biblioteca parou de funcionar.',
            'Exportación || La exportación dejó de funcionar ayer.',
            'Eksport || Eksport przestał działać po aktualizacji.',
            'Экспорт || Экспорт перестал работать после обновления.',
            'エクスポートが動かなくなった',
            'NFS-e || O prestador está indo vazio no envio.',
            'CFDI || El campo RFC llega vacío al timbrar.',
            'Fattura || Il campo note risulta vuoto nel PDF.',
            'Umsatz || Das Feld Betrag bleibt leer nach dem Import.',
            'sdk问题 || chatdata返回的是空数组',
            'Factura || Hacienda me rechaza el comprobante.',
            'Docs || El enlace está roto.',
            '顺丰打印接口的文档link失效了',
            '识别不完整的发票',
            'Párování || Automatické párování nefunguje.',
            'Export || De export werkt niet meer sinds de update.',
            'Pedido || El pedido desapareció del panel.',
            'Заказ || Заказ пропал из списка.',
            'Pedido || O pedido duplicou no checkout.',
            'Bestellung || Die Bestellung wird doppelt angelegt.',
            'Correo || No me llega el correo de confirmación.',
            'Mail || Ich bekomme keine E-Mail nach der Bestellung.',
            'Checkout || La página se queda en blanco al pagar.',
            '支付 || 点击支付后白屏',
            'Pagamento || O botão fica carregando e nada acontece.',
            'App || La app se cierra sola al abrir el carrito.',
            'アプリ || 起動するとアプリが落ちる',
            'Сумма || Сумма в счёте неправильная.',
            'Login || Después de actualizar a la 2.3 el login no anda.',
            'Sync || Seit dem Update synchronisiert der Kalender nicht.',
            '更新后 || 更新后订单列表打不开',
            'Nu se salveaza factura',
            'Laskun lähettäminen epäonnistuu',
            'Booking fra kundeportalen fejler',
            'Søknad || Søker får fatal feil ved innsending.',
            'Moms || Hvis beløbet er negativt, bliver momsen ikke regnet korrekt.',
            'Schema || Detta misslyckas och istället visas ingenting.',
            'A jegyek nem frissülnek',
            'Kártyás fizetés - számlázás sikertelen',
            'Fiskalizacija nije uspjela s greškom',
            'Не працює для збережених адрес',
            'Simpan dan buat tagihan tidak bekerja',
            'Feed || Το app δεν επιστρέφει στο xml feed τις εικόνες.',
            'Αδυναμία διαβίβασης παραστατικών',
            'Чеки || При нажатии на кнопку печати чека ничего не происходит.',
            'Не печатаются чеки.',
            'Оплата || 21 января не пришло оповещение, хотя оплата была.',
            'Pedido demorando muito || O pedido está demorando muito para chegar no painel.',
            '进小程序一直在loading图',
            '补打卡记录未统计进工时中',
            '下单后订单取消，优惠券没有返还',
            '易支付不发卡',
            '支付成功了，订单状态还是待支付',
            '구매취소반려 버튼 노출되는 결함 해결',
            'フォーム || 自動返信メールが携帯メールのアドレスに送信されてしまう。',
            'E-fatura || Efatura gönderimi ile ilgili bir problem yaşıyorum.',
            'Счёт || При попытке отправить выдает ошибку.',
            'Totales || En las facturas de compra, los totales no están bien.',
            'Saldos || No coinciden los saldos de las cuentas.',
            'Turnos || Al reservar un turno no retorna a la lista de turnos.',
            '配置了支付，但是支付成功后没有结果',
            '支付成功了，但是订单仍然是未支付状态',
            'حساب || الريسبونس العائدة تكون خاطئة',
            'Ödeme || Kart bilgileri girildikten sonra ödeme alınamadı.',
            'WooCommerce Ödeme Onayı Gelmiyor',
            'Fatura || Fatura oluşturulamadı.',
            'IPN || Sau khi thanh toán thành công thì IPN không được gọi.',
            'Momo || Trả về thành công nhưng số tiền vẫn không đổi.',
            'QR || ล่าสุดใช้ไม่ได้แล้วนะครับ',
            'QR || ธนาคารอื่นๆ สแกนแล้วขึ้นว่า QR Code ไม่ถูกต้องครับ',
            'Invoice || เมื่อสร้างใบยกเลิกซ้ำ หัวของใบกำกับภาษีจะหายไป',
            'Płatności || W przypadku przerwanej płatności nie aktualizuje statusu zamówienia.',
            '支付 || 为什么异步通知一直验证不通过呢',
            'Ödeme || İyzico sayfası halen boş geliyor.',
        ),
        (
            "Refactorizar el método PATCH de Bookings en el server. Refactorizar el código.",
            "Agregar Bruno en reemplazo de Insomnia como API client.",
            "Funil de Vendas || Este épico trata do Funil de Vendas e Pipeline Kanban.",
            "Ajouter un export || Ajouter un export CSV des factures.",
            "Neue Exportfunktion || Bitte eine Exportfunktion für Rechnungen hinzufügen.",
            "离线模式 || 离线模式下，仅能点餐统计。",
            "导出 || 能不能把仪表板导出为pdf？",
            "[FEATURE] SAML SSO 支持 || 支持SAML单点登录。",
            "請求書のCSV出力 || 請求書をCSVで出力する機能を追加してください。",
            "Thêm tính năng || Thêm tính năng xuất hóa đơn ra Excel.",
            "Esportazione || Aggiungere l'esportazione delle fatture in CSV.",
            "Экспорт || Добавить экспорт счетов в Excel.",
            "Eksport || Dodać eksport faktur do CSV.",
            "Dışa aktarma || Faturaları Excel'e aktarma özelliği ekleyin.",
            "Fehlerbehandlung || Die Fehlerbehandlung im Importer aufräumen.",
            "Tippfehler || Tippfehler in der Hilfe korrigieren.",
            "超时设置 || 增加超时设置选项。",
            "模板 || 新增一个空白模板。",
            "Hatalar || Hatalarla ilgili belgeleri güncelle.",
            "결제 기능 || 결제 기능을 추가해 주세요.",
            "Tambah fitur || Tambah fitur ekspor faktur.",
            "خروجی اکسل || لطفا خروجی اکسل اضافه کنید.",
            "登录页 || 新增登录页面。",
            "Problemas frequentes || Documentar as perguntas frequentes.",
            "Export || Das Feld wird nicht benötigt, bitte entfernen.",
            "PDF/A || Das Format wird nicht unterstützt, wäre aber schön.",
            'Doppelte Buchführung für Vereine || Bitte doppelte Buchführung anbieten.',
            "Tickets || Ajout d'une option pour imprimer les tickets de caisse.",
            'Fatura || Fatura gönderme özelliği eklenebilir mi?',
            'Export || Возможно ли добавить экспорт в Excel?',
            '发票 || 希望增加发票导出功能',
            '二重認証に対応してほしい',
            'Pedidos || Opção para rejeitar pedidos manualmente seria ótima.',
            '这个功能对我们来说少不了，希望保留',
            'Экспорт || Добавить экспорт заказов в Excel.',
            'Desconto || Aplicar desconto automático para clientes VIP seria ótimo.',
            'Export || Derzeit ist es nicht möglich, Rechnungen als CSV zu exportieren, das wäre super.',
            'Cliente || Mostrar el nombre del cliente en lugar del código.',
            'Layout || Esta mala idea de layout hay que cambiarla.',
            'Tradução || A palavra Atualizar está traduzida de forma errada.',
            'Validação || Adicionar validação de campo vazio no cadastro.',
            'Pedidos || Opción para rechazar pedidos manualmente.',
            'Docs || 文档不全面，希望补充示例',
            'Exportación || Hacer que la exportación funcione también sin conexión.',
            'Pedido || Botão para duplicar um pedido.',
            'Dependencias || Actualizar las dependencias del proyecto.',
            'Plantilla || Nueva plantilla para la factura en blanco y negro.',
            'Update || Changelog für das nächste Update schreiben.',
            'Eksport || Tilføj eksport af fakturaer til CSV.',
            'Vienti || Lisää laskujen vienti CSV-muotoon.',
            'Export || Adăugați exportul facturilor în CSV.',
            'Export || Számlák exportálása CSV formátumba.',
            'Izvoz || Dodati izvoz računa u CSV.',
            'Експорт || Додати експорт рахунків у CSV.',
            'Ekspor || Tambahkan ekspor faktur ke CSV.',
            'Εξαγωγή || Προσθήκη εξαγωγής τιμολογίων σε CSV.',
            'Чеки || Добавить печать чеков на принтере.',
            'Pedidos || Mostrar o tempo de entrega no painel.',
            '支付 || 新增易支付渠道',
            '결제 || 결제 기능을 추가합니다.',
            'フォーム || 自動返信メールの送信先を選べるようにする。',
            'Totales || Mostrar los totales bien alineados.',
            'Problem || Problem bölümünü yeniden düzenle.',
            "Paytr || Birçok entegrasyon var ama Paytr'yi göremedim. Bu da eklenecek mi?",
            'Rapor || Aylık rapor ekranı eklenmeli.',
            'Tính năng || Thêm tính năng được yêu cầu nhiều nhất.',
            'รายงาน || เพิ่มรายงานยอดขายรายเดือน',
            'Status || Dodać nowy status zamówienia.',
            '审核 || 新增审核通过后的通知',
        ),
    ),
    "pain": (
        (
            "话说能把api导入改成批量吗 || 一个个导入太麻烦了。",
            "Importación || Hay que cargar cada producto a mano.",
            "Importação || Cadastrar um por um é muito trabalhoso.",
            "Import || Il faut saisir chaque commande manuellement.",
            "Import || Jede Bestellung von Hand einzutragen ist mühsam.",
            "Nhập || Phải nhập từng cái một, rất mất thời gian.",
        ),
        (
            "Importación || Agregar importación de productos desde CSV.",
            "导入 || 支持批量导入。",
            "Import || Ajouter un import CSV.",
        ),
    ),
    "first-person": (
        (
            "Exportar || Necesito exportar las facturas a mi contabilidad.",
            "Exportar || Eu preciso exportar as faturas para o contador.",
            "Export || J'ai besoin d'exporter les factures pour mon comptable.",
            "Export || Ich muss jede Rechnung einzeln exportieren.",
            "导出 || 我需要把发票导出给会计。",
            "Xuất || Tôi cần xuất hóa đơn cho kế toán.",
        ),
        (
            "Exportar || Exportar las facturas en CSV.",
            "导出 || 支持导出发票。",
            "Export || Die Rechnungen als CSV exportieren.",
        ),
    ),
}


@pytest.mark.parametrize(("name", "example", "fires"),
                         [(name, example, fires) for name, (fire, quiet) in ABROAD.items()
                          for examples, fires in ((fire, True), (quiet, False)) for example in examples],
                         ids=[f"{name}-abroad-{'fires' if fires else 'quiet'}-{i}"
                              for name, (fire, quiet) in ABROAD.items()
                              for examples, fires in ((fire, True), (quiet, False)) for i, _ in enumerate(examples)])
def test_the_lists_read_other_languages(name, example, fires):
    said = compile_phrases(words.builtin(name)).search(lead_of(example))
    if fires:
        assert said and said.lower() in lead_of(example).lower(), example
    else:
        assert not said, f"{name} reads {said!r} in {example!r}"


@pytest.mark.parametrize(("example", "superfluous"), [
    *[(example, False) for example in ABROAD["failures-abroad"][0]],
    *[(example, True) for example in ABROAD["failures-abroad"][1]],
    ("Exportar || Necesito exportar las facturas a mi contabilidad, pero no funciona.", False),
])
def test_the_audit_reads_a_failure_told_in_another_language(cli, tmp_path, example, superfluous):
    row = audit_row(cli, tmp_path, example)
    assert (row["verdict"] == "superfluous") is superfluous, (example, row["verdict"], row["score"])


def test_explain_quotes_a_failure_in_another_language(cli, tmp_path):
    path = tmp_path / "backlog.yaml"
    path.write_text(yaml.safe_dump({"items": [{"id": "R-1", "title": "Portal không ghi nhận giấy chứng nhận"}]},
                                   allow_unicode=True), encoding="utf-8")
    out = " ".join(cli("explain", "R-1", path).stdout.split())
    assert "likely, failures: “không ghi nhận" in out, out


@pytest.mark.parametrize(("example", "fires"), [
    ("No reminder emails || Please help, the reminders stopped.", True),
    ("Sync || Can anyone help? The sync shows nothing.", True),
    ("Design || Help me understand why the module is split.", False),
])
def test_a_plea_for_help_is_the_writers_report(example, fires):
    said = compile_phrases(words.builtin("first-person")).search(lead_of(example))
    assert bool(said) is fires, (example, said)
