"""The launch shell's few words, in every language the course ships (English for others)."""

from __future__ import annotations

SHELL_WORDS: dict[str, dict[str, str]] = {
    "en": {
        "no_lms": "No LMS connection: your progress is kept in this browser only.",
        "no_session": "The LMS did not start a session, so your progress will not be recorded. "
                      "Close the course and open it again from the LMS.",
    },
    "nl": {
        "no_lms": "Geen verbinding met de leeromgeving: je voortgang wordt alleen in deze "
                  "browser bewaard.",
        "no_session": "De leeromgeving heeft geen sessie gestart, dus je voortgang wordt niet "
                      "vastgelegd. Sluit de cursus en open hem opnieuw vanuit de leeromgeving.",
    },
    "ru": {
        "no_lms": "Нет связи с системой обучения (LMS): ваш прогресс сохраняется только "
                  "в этом браузере.",
        "no_session": "Система обучения не начала сеанс, поэтому ваш прогресс не будет "
                      "записан. Закройте курс и снова откройте его из системы обучения.",
    },
    "tr": {
        "no_lms": "Öğrenme sistemine (LMS) bağlantı yok: ilerlemeniz yalnızca bu tarayıcıda "
                  "saklanır.",
        "no_session": "Öğrenme sistemi bir oturum başlatmadı, bu yüzden ilerlemeniz "
                      "kaydedilmeyecek. Kursu kapatıp öğrenme sisteminden yeniden açın.",
    },
    "it": {
        "no_lms": "Nessun collegamento con la piattaforma di formazione (LMS): i tuoi progressi "
                  "restano solo in questo browser.",
        "no_session": "La piattaforma di formazione non ha avviato una sessione, quindi i tuoi "
                      "progressi non verranno registrati. Chiudi il corso e riaprilo dalla "
                      "piattaforma.",
    },
}


def shell_words(language: str) -> dict[str, str]:
    return SHELL_WORDS.get(language, SHELL_WORDS["en"])
