"""The systemadministratör's pages (superusers): create a förbund, invite its first
förbundschef, every förbund's status on one page, users' second factor and start
passwords. In Swedish and inside the app; the Django admin stays for emergencies.

This package sits above the apps (like ``finsam.urls`` and ``finsam.demo``): the status
page reads the ledger's imports and the approved reports.
"""
