from django.db import migrations, models

from anju.web.sort_indexes import newest_first_index


class Migration(migrations.Migration):

    dependencies = [
        ('divisions', '0004_home_city'),
        ('registry', '0005_sort_indexes'),
        ('supervision', '0005_standings'),
    ]

    operations = [
        migrations.AddIndex(
            model_name='standingalert',
            index=models.Index(models.F('since'), models.F('id'), name='standing_alert_since'),
        ),
        newest_first_index('supervision_standingalert', 'since', 'standing_alert_latest'),
    ]
