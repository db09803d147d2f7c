from django.db import migrations, models

from anju.web.sort_indexes import newest_first_index


class Migration(migrations.Migration):

    dependencies = [
        ('projects', '0005_builder_commitment'),
        ('registry', '0005_sort_indexes'),
    ]

    operations = [
        migrations.AddIndex(
            model_name='project',
            index=models.Index(models.Case(models.When(stage='reserve', then=models.Value(0)), models.When(stage='generation', then=models.Value(1)), models.When(stage='approval', then=models.Value(2)), models.When(stage='planned', then=models.Value(3)), models.When(stage='construction', then=models.Value(4)), models.When(stage='acceptance', then=models.Value(5)), models.When(stage='handover', then=models.Value(6)), models.When(stage='management', then=models.Value(7)), models.When(stage='evaluation', then=models.Value(8)), output_field=models.IntegerField()), models.F('id'), name='project_stage_order'),
        ),
        migrations.AddIndex(
            model_name='project',
            index=models.Index(models.F('plan_year'), models.F('id'), name='project_year_order'),
        ),
        newest_first_index('projects_project', 'plan_year', 'project_year_desc'),
    ]
