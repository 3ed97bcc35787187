"""The wordings the quality check looks for, in the five course languages."""

from __future__ import annotations

import pytest

from builder.quality_phrases import all_or_none, negative_stem

NEGATIVE = [
    ("en", "Which of these is NOT a good way to greet a guest?"),
    ("en", "Which option doesn't help the guest?"),
    ("en", "What should you never say to a guest who complains?"),
    ("en", "All of these help a guest feel welcome, except:"),
    ("nl", "Welke van deze antwoorden is niet juist?"),
    ("nl", "Wat moet je nooit doen als een gast klaagt?"),
    ("nl", "Welke reactie hoort er niet bij?"),
    ("ru", "Чего не следует делать, если гость недоволен?"),
    ("ru", "Какой из вариантов не является правильным?"),
    ("ru", "Что из этого НЕ поможет гостю?"),
    ("tr", "Aşağıdakilerden hangisi doğru değildir?"),
    ("tr", "Misafir şikâyet ettiğinde ne yapmamalısınız?"),
    ("tr", "Hangisi bir özen davranışı DEĞİLDİR?"),
    ("it", "Quale di queste frasi non è corretta?"),
    ("it", "Cosa non dovresti mai dire a un ospite?"),
    ("it", "Tutte queste azioni aiutano, tranne una: quale?"),
]

NOT_NEGATIVE = [
    ("en", "What do you do if the guest does not answer?"),
    ("en", "A guest asks for margarine, which you don't stock. What is your best first move?"),
    ("en", "Which guest, when she is not served, complains first?"),
    ("en", "Which of these shows care?"),
    ("nl", "Wat doe je als de gast niet antwoordt?"),
    ("nl", "Wat zou je doen als de keuken niet opneemt?"),
    ("ru", "Что делать, если гость не отвечает?"),
    ("ru", "Гость говорит, что не нужно торопиться. Как вы поступите?"),
    ("tr", "Misafir memnun değilse ne yaparsınız?"),
    ("tr", "Hangisi en çok özen gösterir?"),
    ("it", "Cosa fai se l'ospite non risponde?"),
    ("it", "Quale frase usi se l'ospite non parla la tua lingua?"),
    ("it", "Ti dicono che non devi correre. Che cosa fai?"),
]


@pytest.mark.parametrize(("language", "prompt"), NEGATIVE)
def test_negative_stems(language: str, prompt: str) -> None:
    assert negative_stem(prompt, language)


@pytest.mark.parametrize(("language", "prompt"), NOT_NEGATIVE)
def test_negations_that_are_not_negative_stems(language: str, prompt: str) -> None:
    assert negative_stem(prompt, language) is None


ALL_NONE = [
    ("en", "None of the above."), ("en", "All of these."), ("en", "Both of the above"),
    ("en", "None"),
    ("nl", "Geen van bovenstaande."), ("nl", "Alle bovenstaande antwoorden."),
    ("nl", "Geen van beide."),
    ("ru", "Всё вышеперечисленное."), ("ru", "Ничего из перечисленного."),
    ("ru", "Все варианты верны."),
    ("tr", "Yukarıdakilerin hepsi."), ("tr", "Hiçbiri."), ("tr", "Hepsi doğru."),
    ("it", "Tutte le precedenti."), ("it", "Nessuna delle precedenti."), ("it", "Entrambe."),
]

NOT_ALL_NONE = [
    ("en", "Greet all of the guests at the table."), ("en", "Tell none of them."),
    ("nl", "Begroet alle gasten aan tafel."),
    ("ru", "Поздороваться со всеми гостями за столом."),
    ("tr", "Masadaki herkesi selamlayın."),
    ("it", "Saluta tutti gli ospiti al tavolo."),
]


@pytest.mark.parametrize(("language", "text"), ALL_NONE)
def test_all_or_none_options(language: str, text: str) -> None:
    assert all_or_none(text, language)


@pytest.mark.parametrize(("language", "text"), NOT_ALL_NONE)
def test_ordinary_options(language: str, text: str) -> None:
    assert all_or_none(text, language) is None


def test_a_language_without_phrases_is_not_checked() -> None:
    assert negative_stem("Welches ist NICHT richtig?", "de") is None
    assert all_or_none("Keine der obigen", "de") is None
