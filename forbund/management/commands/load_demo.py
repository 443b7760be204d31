from django.core.management.base import BaseCommand

from finsam import demo


class Command(BaseCommand):
    help = "Läser in demoförbundet (Helsingborg 2013) med en demoanvändare per roll. Kan köras om."

    def handle(self, *args, **options):
        inloggningar = demo.load()
        self.stdout.write(self.style.SUCCESS("Demodata inläst."))
        self.stdout.write(f"Demoinloggningar (lösenord: {demo.DEMO_LOSENORD}):")
        for username, beskrivning in inloggningar:
            self.stdout.write(f"  {username:<14} {beskrivning}")
