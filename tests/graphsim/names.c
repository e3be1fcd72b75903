/*
 * Name tables for the synthetic tenant: given and family names in Latin
 * (with diacritics), CJK, Cyrillic, Arabic, Greek and Devanagari scripts,
 * each with the ASCII form used in userPrincipalName and mail; departments,
 * job titles, group names, status and out-of-office messages. Read-only.
 */
#include "config.h"

#include "names.h"

#define N(a) (sizeof(a) / sizeof((a)[0]))

static const char *const en_given[] = { "James|james", "Mary|mary",
	"Robert|robert", "Patricia|patricia", "Michael|michael",
	"Jennifer|jennifer", "David|david", "Linda|linda", "William|william",
	"Elizabeth|elizabeth", "Olivia|olivia", "Noah|noah", "Emma|emma",
	"Liam|liam", "Ava|ava", "Ethan|ethan", "Sophia|sophia", "Mason|mason",
	"Harper|harper", "Lucas|lucas" };
static const char *const en_family[] = { "Smith|smith", "Johnson|johnson",
	"Williams|williams", "Brown|brown", "Jones|jones", "Miller|miller",
	"Davis|davis", "Wilson|wilson", "Anderson|anderson", "Taylor|taylor",
	"Thomas|thomas", "Moore|moore", "Martin|martin", "Jackson|jackson",
	"Thompson|thompson", "White|white", "O'Brien|obrien", "Harris|harris",
	"Clark|clark", "Lewis|lewis" };
static const char *const fr_given[] = { "Amélie|amelie", "Hélène|helene",
	"François|francois", "Jérôme|jerome", "Chloé|chloe", "Zoé|zoe",
	"Éloïse|eloise", "Gaël|gael", "Noël|noel", "Béatrice|beatrice",
	"Léa|lea", "Mathéo|matheo" };
static const char *const fr_family[] = { "Lefèvre|lefevre", "Dubois|dubois",
	"Girard|girard", "Rousseau|rousseau", "Bérénger|berenger",
	"Lemaître|lemaitre", "Chevalier|chevalier", "Moreau|moreau",
	"Fournier|fournier", "Mercier|mercier" };
static const char *const de_given[] = { "Jürgen|juergen", "Jörg|joerg",
	"Björn|bjoern", "Käthe|kaethe", "Günther|guenther", "Lena|lena",
	"Felix|felix", "Anneliese|anneliese", "Maximilian|maximilian",
	"Sören|soeren" };
static const char *const de_family[] = { "Müller|mueller", "Schröder|schroeder",
	"Weiß|weiss", "Groß|gross", "Bäcker|baecker", "Schäfer|schaefer",
	"Köhler|koehler", "Fischer|fischer", "Hoffmann|hoffmann",
	"Krüger|krueger" };
static const char *const es_given[] = { "José|jose", "María|maria",
	"Lucía|lucia", "Álvaro|alvaro", "Iñaki|inaki", "Sofía|sofia",
	"Ramón|ramon", "Inés|ines", "Joaquín|joaquin", "Begoña|begona",
	"João|joao", "Conceição|conceicao" };
static const char *const es_family[] = { "García|garcia", "Fernández|fernandez",
	"Núñez|nunez", "Muñoz|munoz", "Martínez|martinez", "Gómez|gomez",
	"Peña|pena", "Ibáñez|ibanez", "Gonçalves|goncalves",
	"Magalhães|magalhaes" };
static const char *const pl_given[] = { "Łukasz|lukasz",
	"Małgorzata|malgorzata", "Paweł|pawel", "Zofia|zofia",
	"Wojciech|wojciech", "Jiří|jiri", "Tomáš|tomas", "Zuzana|zuzana",
	"Ondřej|ondrej", "Kateřina|katerina" };
static const char *const pl_family[] = { "Wiśniewski|wisniewski",
	"Wójcik|wojcik", "Kowalczyk|kowalczyk", "Żak|zak",
	"Dąbrowska|dabrowska", "Dvořák|dvorak", "Novák|novak", "Černý|cerny",
	"Procházka|prochazka", "Kučera|kucera" };
static const char *const tr_given[] = { "Ayşe|ayse", "Çağlar|caglar",
	"Gülşen|gulsen", "Işıl|isil", "Mehmet|mehmet", "Şükrü|sukru",
	"Özge|ozge", "Eda|eda" };
static const char *const tr_family[] = { "Yılmaz|yilmaz", "Öztürk|ozturk",
	"Çelik|celik", "Şahin|sahin", "Doğan|dogan", "Kılıç|kilic",
	"Aydın|aydin", "Güneş|gunes" };
static const char *const vi_given[] = { "Nguyệt|nguyet", "Phương|phuong",
	"Dũng|dung", "Hùng|hung", "Thảo|thao", "Đức|duc", "Hương|huong",
	"Tuấn|tuan" };
static const char *const vi_family[] = { "Nguyễn|nguyen", "Trần|tran", "Lê|le",
	"Phạm|pham", "Hoàng|hoang", "Đặng|dang", "Võ|vo", "Bùi|bui" };
static const char *const no_given[] = { "Åsa|asa", "Søren|soren", "Ørjan|orjan",
	"Ingrid|ingrid", "Sigrún|sigrun", "Þórunn|thorunn", "Ævar|aevar",
	"Linnéa|linnea" };
static const char *const no_family[] = { "Ødegård|odegard", "Åkesson|akesson",
	"Sæther|saether", "Lindqvist|lindqvist",
	"Guðmundsdóttir|gudmundsdottir", "Bjørnstad|bjornstad",
	"Håkansson|hakansson", "Nyström|nystrom" };
static const char *const zh_given[] = { "伟|wei", "芳|fang", "娜|na",
	"秀英|xiuying", "敏|min", "静|jing", "强|qiang", "磊|lei", "洋|yang",
	"婷|ting" };
static const char *const zh_family[] = { "王|wang", "李|li", "张|zhang",
	"刘|liu", "陈|chen", "杨|yang", "黄|huang", "赵|zhao", "周|zhou",
	"吴|wu" };
static const char *const ja_given[] = { "翔太|shota", "陽菜|hina",
	"さくら|sakura", "健一|kenichi", "美咲|misaki", "大輔|daisuke",
	"ゆうき|yuki", "明美|akemi" };
static const char *const ja_family[] = { "佐藤|sato", "鈴木|suzuki",
	"高橋|takahashi", "田中|tanaka", "渡辺|watanabe", "伊藤|ito",
	"山本|yamamoto", "中村|nakamura" };
static const char *const ko_given[] = { "민준|minjun", "서연|seoyeon",
	"지훈|jihoon", "하은|haeun", "도윤|doyun", "수빈|subin" };
static const char *const ko_family[] = { "김|kim", "이|lee", "박|park",
	"최|choi", "정|jung", "강|kang" };
static const char *const ru_given[] = { "Александр|aleksandr",
	"Екатерина|ekaterina", "Дмитрий|dmitry", "Анастасия|anastasia",
	"Сергей|sergey", "Ольга|olga", "Юлия|yulia", "Олександр|oleksandr",
	"Ірина|iryna", "Тарас|taras" };
static const char *const ru_family[] = { "Иванов|ivanov", "Смирнова|smirnova",
	"Кузнецов|kuznetsov", "Попова|popova", "Соколов|sokolov",
	"Шевченко|shevchenko", "Коваленко|kovalenko", "Бондаренко|bondarenko",
	"Васильева|vasilyeva", "Новиков|novikov" };
static const char *const ar_given[] = { "محمد|mohammed", "فاطمة|fatima",
	"أحمد|ahmed", "عائشة|aisha", "يوسف|youssef", "مريم|mariam", "عمر|omar",
	"ليلى|layla" };
static const char *const ar_family[] = { "العلي|alali", "الحسن|alhassan",
	"المنصوري|almansouri", "الخطيب|alkhatib", "حداد|haddad",
	"النجار|alnajjar", "الشامي|alshami", "عبد الله|abdullah" };
static const char *const el_given[] = { "Γιώργος|giorgos", "Μαρία|maria",
	"Δημήτρης|dimitris", "Ελένη|eleni", "Νίκος|nikos", "Κατερίνα|katerina",
	"Σοφία|sofia", "Αθανάσιος|athanasios" };
static const char *const el_family[] = { "Παπαδόπουλος|papadopoulos",
	"Παπαδοπούλου|papadopoulou", "Γεωργίου|georgiou", "Οικονόμου|oikonomou",
	"Νικολάου|nikolaou", "Καραγιάννης|karagiannis", "Βασιλείου|vasileiou",
	"Αντωνίου|antoniou" };
static const char *const hi_given[] = { "आरव|aarav", "अनन्या|ananya",
	"विवेक|vivek", "प्रिया|priya", "राहुल|rahul", "दीपिका|deepika",
	"अर्जुन|arjun", "स्नेहा|sneha" };
static const char *const hi_family[] = { "शर्मा|sharma", "वर्मा|verma",
	"गुप्ता|gupta", "सिंह|singh", "पटेल|patel", "कुमार|kumar", "जोशी|joshi",
	"मेहता|mehta" };

/* The first entry must be Latin: it starts every tenant's directory. */
const struct names_lang names_langs[] = {
	{ "en-US", 0, 0, 30, en_given, N(en_given), en_family, N(en_family) },
	{ "fr-FR", 0, 0, 8, fr_given, N(fr_given), fr_family, N(fr_family) },
	{ "de-DE", 0, 0, 8, de_given, N(de_given), de_family, N(de_family) },
	{ "es-ES", 0, 0, 8, es_given, N(es_given), es_family, N(es_family) },
	{ "pl-PL", 0, 0, 5, pl_given, N(pl_given), pl_family, N(pl_family) },
	{ "tr-TR", 0, 0, 4, tr_given, N(tr_given), tr_family, N(tr_family) },
	{ "vi-VN", 1, 0, 3, vi_given, N(vi_given), vi_family, N(vi_family) },
	{ "nb-NO", 0, 0, 4, no_given, N(no_given), no_family, N(no_family) },
	{ "zh-CN", 1, 1, 5, zh_given, N(zh_given), zh_family, N(zh_family) },
	{ "ja-JP", 1, 1, 4, ja_given, N(ja_given), ja_family, N(ja_family) },
	{ "ko-KR", 1, 1, 3, ko_given, N(ko_given), ko_family, N(ko_family) },
	{ "ru-RU", 0, 0, 5, ru_given, N(ru_given), ru_family, N(ru_family) },
	{ "ar-SA", 0, 0, 4, ar_given, N(ar_given), ar_family, N(ar_family) },
	{ "el-GR", 0, 0, 3, el_given, N(el_given), el_family, N(el_family) },
	{ "hi-IN", 0, 0, 4, hi_given, N(hi_given), hi_family, N(hi_family) },
};
const size_t names_nlangs = N(names_langs);

const char *const names_departments[] = { "Helpdesk", "Engineering", "Sales",
	"Marketing", "Finance", "Human Resources", "Legal", "Facilities",
	"Security Operations", "Customer Success", "Research & Development",
	"Logistics", "Procurement", "Executive Office" };
const size_t names_ndepartments = N(names_departments);

const char *const names_titles[] = { "Support Engineer",
	"Senior Support Engineer", "Software Engineer",
	"Principal Software Engineer", "Account Executive", "Marketing Manager",
	"Financial Analyst", "HR Business Partner", "Counsel",
	"Facilities Coordinator", "Security Analyst",
	"Customer Success Manager", "Team Lead", "Director", "Intern",
	"Vice President, Global Strategic Partnerships and Alliances" };
const size_t names_ntitles = N(names_titles);

/* The first groups keep ASCII names; later ones mix scripts. */
const char *const names_groups[] = { "All Company", "Helpdesk",
	"Helpdesk Tier 1", "Helpdesk Tier 2", "Engineering",
	"Engineering Platform", "Sales EMEA", "Sales APAC", "Finance",
	"Human Resources", "Legal & Compliance", "Marketing", "Facilities",
	"Security Operations", "Executive Team", "Project Phoenix",
	"Night Shift", "Data & Analytics", "Customer Success", "Ops On-Call",
	"Zürich Office", "東京オフィス", "Отдел продаж", "فريق الدعم",
	"Ομάδα Υποστήριξης", "बिक्री टीम", "Café Crew ☕" };
const size_t names_ngroups = N(names_groups);

const char *const names_emoji[] = { " 🌴", " 🎧", " ☕", " 🚀", " 🏳️‍🌈",
	" 👩🏽‍💻", " 🇯🇵" };
const size_t names_nemoji = N(names_emoji);

/* Names written with combining marks (NFD), with their ASCII form. */
const char *const names_combining[] = {
	"Zoe\xcc\x88 Mu\xcc\x88ller|zoe.muller",
	"Jose\xcc\x81 Ramo\xcc\x81n|jose.ramon",
	"Ame\xcc\x81lie Lefe\xcc\x80vre|amelie.lefevre",
	"Nguye\xcc\x82\xcc\x83n Tha\xcc\x89o|nguyen.thao",
	"Ren\xcc\x8a\xcc\x81 Ha\xcc\x8a\xcc\x8akansson|ren.hakansson",
};
const size_t names_ncombining = N(names_combining);

const char *const names_messages[] = { "In the lab until noon",
	"On the support bridge", "Heads down, ping me if urgent",
	"Working from the Zürich office today", "Lunch 🍜 back at 13:30",
	"Out sick", "Travelling — slow to answer", "Customer workshop",
	"Parental leave until March", "Focus time 🎯",
	"Ich bin im Meeting, bitte später anrufen",
	"会議中です。後ほど折り返します。", "В отпуске до понедельника",
	"في اجتماع حتى الساعة الثالثة", "Σε άδεια", "छुट्टी पर हूँ",
	"On call this week: page via the helpdesk queue, not Teams",
	"Interviewing candidates all afternoon; messages answered after 5 pm" };
const size_t names_nmessages = N(names_messages);

const char *const names_ooo[] = {
	"I am out of the office until Monday with limited access to e-mail.",
	"On annual leave. For urgent matters contact the helpdesk.",
	"Je suis absent(e) jusqu'au 15. Merci de contacter mon équipe.",
	"Ich bin bis Freitag nicht im Büro.", "出張中のため、返信が遅れます。",
	"Parental leave — back in the spring."
};
const size_t names_nooo = N(names_ooo);

const char *const names_offices[] = { "Building 4, Floor 2", "Redmond B92",
	"Dublin One Microsoft Place", "Zürich Europaallee", "Tokyo Shinagawa",
	"Remote" };
const size_t names_noffices = N(names_offices);
