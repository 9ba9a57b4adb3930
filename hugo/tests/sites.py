"""A small bilingual Hugo site written to a folder, with the parts real sites have (and their mess)."""

import json
from pathlib import Path

FILES = {
    "config.toml": 'baseURL = "https://example.org/"\ndefaultContentLanguage = "en"\n',
    "content/_index.md": "---\ntitle: Pilates at home\n---\nWelcome.\n",
    "content/es/_index.md": "---\ntitle: Pilates en casa\n---\nBienvenida.\n",
    "content/exercises/_index.md": "---\ntitle: Exercises\ntranslationKey: exercises\n---\nAll our exercises.\n",
    "content/exercises/mat/_index.md": "---\ntitle: Mat exercises\ndescription: On the mat.\n---\nMat work.\n",
    "content/exercises/mat/roll-up.md": (
        "---\ntitle: Roll Up\ntranslationKey: roll-up\ndifficulty: beginner\nmuscles: [Abs, Hip Flexors]\n"
        "equipment: [Mat]\nduration: 60\nsteps: [Lie down., Roll up.]\naliases: [/pilates/roll-up/]\n---\nRoll.\n"
    ),
    "content/exercises/mat/hundred.md": (
        '+++\ntitle = "The Hundred"\ndifficulty = "intermediate"\nmuscles = ["Abs"]\nduration = 100\n+++\nPump.\n'
    ),
    "content/es/ejercicios/_index.md": "---\ntitle: Ejercicios\ntranslationKey: exercises\n---\nTodos.\n",
    "content/es/ejercicios/pelota/_index.md": "---\ntitle: Ejercicios con pelota\n---\nCon pelota.\n",
    "content/es/ejercicios/pelota/puente.md": (
        "---\ntitle: Puente con pelota\ndifficulty: principiante\nmuscles: [Glúteos]\nequipment: [Pelota]\n"
        "duration: 45\n---\nPuente.\n"
    ),
    "content/es/ejercicios/roll-up.md": (
        "---\ntitle: Roll up\ntranslationKey: roll-up\ndifficulty: principiante\nmuscles: [Abdominales]\n---\nRodar.\n"
    ),
    "content/learn/_index.md": "---\ntitle: Learn\n---\nArticles.\n",
    "content/learn/fundamentals/_index.md": "---\ntitle: Fundamentals\n---\nThe basics.\n",
    "content/learn/fundamentals/roll-up.md": (
        "---\ntitle: How to roll up\nauthor: Ana\ndate: 2024-03-01\ncategories: [fundamentals]\n---\n"
        "Start with the [Roll Up](/exercises/mat/roll-up/).\n"
    ),
    "content/learn/fundamentals/draft-notes.md": "---\ntitle: Draft notes\ndraft: true\n---\nNot yet.\n",
    "content/es/aprender/_index.md": "---\ntitle: Aprender\n---\nArtículos.\n",
    "content/es/aprender/roll-up.md": "---\ntitle: Cómo hacer el roll up\ndate: 2024-03-02\n---\nEmpieza.\n",
    "content/teachers/_index.md": "---\ntitle: Teachers\n---\n",
    "content/teachers/ana.md": "---\ntitle: Ana López\nimage: /images/ana.jpg\n---\nAna teaches mat.\n",
    "content/es/profesores/ana.md": "---\ntitle: Ana López\n---\nAna enseña suelo.\n",
    "content/videos/intro.md": "---\ntitle: Intro video\nvideo_id: dQw4w9WgXcQ\n---\nWatch.\n",
    "content/workouts/_index.md": "---\ntitle: Workouts\n---\nRoutines.\n",
    "content/workouts/hip-opener.md": "---\ntitle: Hip opener\nworkout_id: 10min-hip-opener\n---\nOpen up.\n",
    "content/workouts/core-blast.md": (
        "---\ntitle: Core blast\ndifficulty: intermediate\nfocus: [core]\nitems:\n"
        "  - {name: Roll Up, kind: warm-up, duration: 60}\n"
        "  - {name: The Hundred, kind: main, duration: 100, reps: 10 breaths}\n"
        "  - {name: Child pose, kind: cool-down, duration: 40, instructions: [Breathe.]}\n---\n"
    ),
    "content/es/entrenamientos/apertura-de-cadera.md": (
        "---\ntitle: Apertura de cadera\nworkout_id: 10min-hip-opener\n---\nAbre.\n"
    ),
    "content/about.md": "---\ntitle: About\ntranslationKey: about\n---\nWho we are.\n",
    "content/es/acerca.md": "---\ntitle: Acerca de\ntranslationKey: about\n---\nQuiénes somos.\n",
    "content/privacy.md": "---\ntitle: Privacy\n---\nNo tracking.\n",
    "content/generator.md": (
        "---\ntitle: Workout generator\nlayout: generator\n---\n"
        '<form onsubmit="alert(1)"><select id="d"></select></form>\n<script>window.__xss = 1</script>\n'
    ),
}

DATA = {
    "10min-hip-opener": {
        "title_es": "Apertura de cadera en 10 minutos",
        "description": "Ten minutes for the hips.",
        "description_es": "Diez minutos para las caderas.",
        "duration": 600,
        "difficulty": "beginner",
        "equipment": ["Mat"],
        "items": [
            {"name": "Roll Up", "kind": "warm-up", "duration": 120},
            {"name": "Hip circles", "kind": "main", "duration": 360, "reps": "10 each side"},
            {"name": "Child pose", "kind": "cool-down", "duration": 120},
        ],
        "items_es": [
            {"name": "Roll up", "kind": "calentamiento", "duration": 120},
            {"name": "Círculos de cadera", "kind": "principal", "duration": 360},
            {"name": "Postura del niño", "kind": "enfriamiento", "duration": 120},
        ],
    }
}


def write_site(root: Path) -> Path:
    for name, text in FILES.items():
        path = root / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
    (root / "data").mkdir(exist_ok=True)
    (root / "data" / "workouts.json").write_text(json.dumps(DATA, ensure_ascii=False, indent=2), encoding="utf-8")
    return root


EXERCISE_FILES = 4  # roll-up, hundred, puente (es), roll-up (es)
